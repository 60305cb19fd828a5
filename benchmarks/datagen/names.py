"""People's names by culture, with the ways sources spell them differently."""

from __future__ import annotations

import random
from dataclasses import dataclass

# Each culture: given names, family names, syllables to make more family names, whether the
# family name is commonly written first, and the phone country.
CULTURES: dict[str, dict[str, str]] = {
    "en": {
        "given": "James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William "
        "Barbara Richard Susan Joseph Jessica Thomas Sarah Christopher Karen Daniel Lisa Matthew "
        "Nancy Anthony Betty Mark Sandra Steven Ashley Andrew Emily Joshua Michelle Kevin Amanda "
        "Brian Melissa Ryan Rebecca Jacob Laura Nicholas Rachel Jonathan Megan Benjamin Hannah "
        "Samuel Olivia Peter Chloe Oliver Grace Henry Lucy Edward Charlotte Timothy Abigail",
        "family": "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas "
        "Moore Martin Jackson Thompson White Harris Clark Lewis Robinson Walker Young Allen King "
        "Wright Scott Hill Green Adams Baker Nelson Carter Mitchell Roberts Turner Phillips "
        "Campbell Parker Evans Edwards Collins Stewart Morris Murphy Cook Rogers Morgan Cooper "
        "Peterson Reed Bailey Kelly Howard Cox Ward Richardson Watson Brooks Wood Bennett Gray "
        "Hughes Price Sanders "
        "Myers Long Ross Foster Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Barnes "
        "Fisher Henderson Graham Wallace Hayes Gibson Ellis Stevens Murray Ford Marshall Owens",
        "pre": "Ash Brook Hart Whit Black Stan Fair Hale Kings Red Mar Thorn Wes Ald Brad Chat Dun "
        "Hol Lang Nor Pen Rad Shel Stock Wake Win",
        "post": "ford well by ton wood ley field ham worth stone more wick son bury dale",
    },
    "de": {
        "given": "Jürgen Günter Klaus Stefan Thomas Andreas Michael Markus Matthias Sebastian "
        "Tobias Lukas Jonas Felix Maximilian Florian Dominik Jörg Uwe Björn Sabine Petra Ursula "
        "Monika Katrin Jana Anja Julia Lena Leonie Sophie Annika Franziska Bärbel Jörn Jan "
        "Susanne Birgit Christiane Heike Nicole",
        "family": "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann "
        "Schäfer Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger "
        "Hofmann Hartmann Lange Schmitt Werner Krause Meier Lehmann Köhler Herrmann König Walter "
        "Mayer Huber Kaiser Fuchs Peters Lang Möller Weiß Jung Hahn Vogel Friedrich Keller Günther "
        "Frank Berger Winkler Roth Beck Lorenz Baumann Franke Albrecht Schuster Simon Ludwig Böhm",
        "pre": "Stein Berg Hof Wald Lind Rosen Eich Brun Feld Kirch Sonn Stroh Tann Wies Grün",
        "post": "mann er hardt bach hauser inger feld berger meier thal huber",
    },
    "fr": {
        "given": "Jean Pierre Michel André Philippe Nicolas François Laurent Julien Sébastien "
        "Stéphane Thierry Frédéric Jérôme Benoît Cédric Aurélien Théo Hélène Marie Nathalie "
        "Isabelle Sylvie Catherine Françoise Véronique Céline Aurélie Émilie Camille Chloé Léa "
        "Manon Inès Margaux Anaïs Amélie Élodie Mathilde Clémence",
        "family": "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon "
        "Laurent Lefèvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André "
        "Lefebvre Mercier Dupont Lambert Bonnet François Martinez Legrand Garnier Faure Rousseau "
        "Blanc Guérin Muller Henry Roussel Nicolas Perrin Morin Mathieu Clément Gauthier Dumont "
        "Lopez Fontaine Chevalier Robin Masson Sanchez Gérard Nguyen Boyer Denis Lemaire Duval",
        "pre": "Beau Bel Chamb Dela Fon Gr Mont Roch Val Ver Lac Char",
        "post": "court mont ville lieu champ fort val ière ard eau",
    },
    "es": {
        "given": "José Juan Antonio Manuel Francisco Javier Carlos Daniel Alejandro Miguel "
        "Ángel Rafael Pablo Sergio Jorge Álvaro Adrián Raúl Rubén Iván Óscar María Carmen Ana "
        "Lucía Laura Marta Sofía Paula Elena Cristina Andrea Beatriz Inés Nuria Rocío Begoña "
        "Mónica Verónica Pilar Concepción",
        "family": "García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Martín "
        "Jiménez Ruiz Hernández Díaz Moreno Muñoz Álvarez Romero Alonso Gutiérrez Navarro Torres "
        "Domínguez Vázquez Ramos Gil Ramírez Serrano Blanco Molina Morales Suárez Ortega Delgado "
        "Castro Ortiz Rubio Marín Sanz Núñez Iglesias Medina Garrido Cortés Castillo Santos "
        "Lozano Guerrero Cano Prieto Méndez Cruz Calvo Gallego Vidal León Márquez Herrera Peña",
        "pre": "Val Mon Cas Bel Vill Sal Arr Ech Mend Olab",
        "post": "verde tero illa ares ano edo iaga arría ez ueta",
    },
    "it": {
        "given": "Giuseppe Giovanni Antonio Mario Luigi Francesco Angelo Vincenzo Pietro "
        "Salvatore Carlo Franco Domenico Bruno Paolo Michele Giorgio Aldo Sergio Luca Marco "
        "Alessandro Andrea Matteo Lorenzo Niccolò Giulia Chiara Francesca Federica Valentina "
        "Alessia Martina Sara Elisa Silvia Simona Roberta Ilaria",
        "family": "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno "
        "Gallo Conti De Luca Mancini Costa Giordano Rizzo Lombardi Moretti Barbieri Fontana "
        "Santoro Mariani Rinaldi Caruso Ferrara Galli Martini Leone Longo Gentile Martinelli "
        "Vitale Lombardo Serra Coppola De Santis D'Angelo Marchetti Parisi Villa Conte Ferraro "
        "Fabbri Bianco Marini Grasso Valentini Messina Sala De Angelis Gatti Pellegrini Palumbo",
        "pre": "Bel Castel Monte Val Fior Ross Acqua Torre Sant",
        "post": "ini etti ucci one elli aro azzi otti",
    },
    "nordic": {
        "given": "Søren Jens Lars Niels Anders Henrik Morten Mikkel Rasmus Mads Magnus Erik "
        "Olav Håkan Björn Sven Åke Göran Jörgen Pekka Mikko Juha Kirsi Päivi Åsa Märta Ingrid "
        "Astrid Sigrid Freja Maja Ida Liv Karin Linnéa Sofie Siri Tuula Heidi Aino",
        "family": "Jensen Nielsen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen "
        "Jørgensen Petersen Madsen Kristensen Olsen Thomsen Johansson Andersson Karlsson Nilsson "
        "Eriksson Larsson Olsson Persson Svensson Gustafsson Lindström Lindqvist Bergström "
        "Lundqvist Öberg Åberg Ström Halvorsen Haugen Johansen Berg Dahl Lund Virtanen Korhonen "
        "Mäkinen Nieminen Mäkelä Hämäläinen Laine Heikkinen Koskinen Järvinen Lehtonen Lehtinen",
        "pre": "Lind Berg Sjö Ek Holm Dahl Strand Fjell Nord Vik",
        "post": "qvist ström gren berg dal vik sen lund",
    },
    "pl": {
        "given": "Łukasz Piotr Krzysztof Andrzej Tomasz Paweł Michał Marcin Grzegorz Jakub "
        "Mateusz Wojciech Rafał Kamil Maciej Bartłomiej Agnieszka Małgorzata Katarzyna Joanna "
        "Magdalena Ewa Aleksandra Monika Natalia Zofia Dorota Beata Paulina Weronika Ilona",
        "family": "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński "
        "Szymański Woźniak Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski "
        "Grabowski Nowakowski Pawłowski Michalski Nowicki Adamczyk Dudek Zając Wieczorek Jabłoński "
        "Król Majewski Olszewski Jaworski Wróbel Malinowski Pawlak Witkowski Walczak Stępień",
        "pre": "Grab Kos Las Mił Sob Wol Zał Brz Strz Chmiel",
        "post": "owski ewski czyk iak ecki ński",
    },
    "in": {
        "given": "Aarav Vivaan Aditya Arjun Sai Rohan Rahul Amit Vikram Sanjay Rajesh Suresh "
        "Anil Deepak Karthik Nikhil Pranav Siddharth Varun Abhishek Priya Ananya Divya Pooja "
        "Neha Sneha Kavya Aishwarya Deepika Lakshmi Meera Shreya Riya Swati Nisha Anjali Lavanya "
        "Harini Revathi Kiran",
        "family": "Sharma Verma Gupta Singh Kumar Patel Shah Mehta Iyer Nair Reddy Rao Menon "
        "Pillai Joshi Desai Kulkarni Chatterjee Banerjee Mukherjee Das Bose Sen Ghosh Agarwal "
        "Jain Malhotra Kapoor Khanna Bhatia Chopra Saxena Srinivasan Subramanian Krishnan "
        "Venkatesh Raghavan Narayanan Ramachandran Bhat Hegde Shetty Naidu Choudhary Mishra "
        "Pandey Tiwari Yadav Dubey Trivedi Chauhan Thakur Goswami Sethi Arora Bajaj",
        "pre": "Venkat Subra Rama Krishna Siva Laksh Gopal Raghu Bala Chandra",
        "post": "raman swamy murthy nathan kumar prasad rajan",
    },
    "zh": {
        "given": "Wei Fang Min Jing Li Lei Jun Yan Hui Yong Jie Ying Tao Ming Hao Xin Yu "
        "Yi Chen Qiang Lin Ping Hong Xiaoming Xiaoling Zhiwei Jianguo Meiling Yiting Haoran "
        "Zihan Yuxuan Shuang Xiuying Guiying Jinhua Huan Kai Rui Yang",
        "family": "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin "
        "Gao Luo Zheng Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan "
        "Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding Ren Shen Yao",
        "pre": "",
        "post": "",
        "family_first": "1",
    },
    "vi": {
        "given": "An Anh Bao Binh Chau Cuong Dung Duc Giang Ha Hai Hanh Hieu Hoa Hoang Hung "
        "Huong Khanh Lan Linh Long Mai Minh My Nam Nga Ngoc Phong Phuong Quang Quynh Son "
        "Thanh Thao Thu Trang Tuan Tung Van Vy",
        "family": "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý",
        "pre": "",
        "post": "",
        "family_first": "1",
    },
    "tr": {
        "given": "Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim Murat Emre Burak Can Oğuz "
        "Serkan Kerem Barış Çağlar Gökhan Ayşe Fatma Emine Zeynep Elif Merve Özlem Gülşen Şule "
        "Büşra Esra Derya İrem Ebru",
        "family": "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan "
        "Doğan Kılıç Aslan Çetin Kara Koç Kurt Özkan Şimşek Polat Korkmaz Karataş Erdoğan Güneş "
        "Aksoy Tekin Uçar Bulut Akın",
        "pre": "Kara Ak Gök Er Öz Tun Ay Bay",
        "post": "oğlu han tekin soy can türk",
    },
    "pt": {
        "given": "João António Pedro Tiago Gonçalo Rodrigo Luís Rui Bruno Diogo Thiago Lucas "
        "Gabriel Matheus Guilherme Felipe Leonardo Vinícius Ana Beatriz Mariana Inês Joana "
        "Letícia Camila Fernanda Juliana Larissa Gabriela Luíza Conceição Rafaela",
        "family": "Silva Santos Ferreira Pereira Oliveira Costa Rodrigues Martins Jesus Sousa "
        "Fernandes Gonçalves Gomes Lopes Marques Alves Almeida Ribeiro Pinto Carvalho Teixeira "
        "Moreira Correia Mendes Nunes Soares Vieira Monteiro Cardoso Rocha Araújo Barbosa "
        "Magalhães Figueiredo Brandão Sampaio Assunção Conceição",
        "pre": "Vas Mag Fig Bran Sam Mont Vila Cas",
        "post": "concelos alhães ueira dão aio eiro",
    },
    "ja": {
        "given": "Hiroshi Takashi Kenji Yuki Daisuke Takuya Kazuki Shota Haruto Ren Sota "
        "Kenta Naoki Ryo Akira Yuko Keiko Naoko Yumi Ayumi Emi Haruka Misaki Sakura Aoi "
        "Yui Mei Hina Rin Nanami",
        "family": "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato "
        "Yoshida Yamada Sasaki Yamaguchi Matsumoto Inoue Kimura Hayashi Shimizu Yamazaki Mori "
        "Abe Ikeda Hashimoto Yamashita Ishikawa Nakajima Maeda Fujita Ogawa",
        "pre": "",
        "post": "",
    },
    "ko": {
        "given": "Min-jun Seo-yeon Ji-ho Ha-eun Do-yun Ji-woo Seo-jun Su-bin Ye-jun Ji-min "
        "Hyun-woo Soo-jin Jae-won Eun-ji Sung-min Hye-jin Dong-hyun Yoo-na Joon-ho Mi-rae",
        "family": "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang "
        "Ahn Song Jeon Hong",
        "pre": "",
        "post": "",
    },
    "ng": {
        "given": "Chukwuemeka Oluwaseun Adebayo Babatunde Chinedu Emeka Ifeanyi Obinna Tunde "
        "Uchenna Adaeze Chiamaka Ngozi Folasade Funmilayo Ifeoma Nneka Oluwakemi Temitope Yetunde",
        "family": "Okafor Adeyemi Okonkwo Eze Nwosu Balogun Adeleke Ogunleye Okeke Ibrahim Bello "
        "Afolabi Obi Nwachukwu Oyelaran Olawale Ajayi Chukwu Onyekachi Adewale",
        "pre": "Ade Olu Oke Chi Nwa Oba",
        "post": "bayo wale yemi nna dike kunle",
    },
}

# How often each culture occurs in a network.
CULTURE_WEIGHTS = {
    "en": 30, "de": 9, "fr": 7, "es": 7, "it": 4, "nordic": 4, "pl": 3, "in": 12, "zh": 7,
    "vi": 2, "tr": 3, "pt": 4, "ja": 2, "ko": 2, "ng": 4,
}  # fmt: skip

NICKNAMES = {
    "Robert": "Bob", "William": "Bill", "Richard": "Rick", "James": "Jim", "Michael": "Mike",
    "Joseph": "Joe", "Thomas": "Tom", "Christopher": "Chris", "Daniel": "Dan", "Matthew": "Matt",
    "Anthony": "Tony", "Steven": "Steve", "Andrew": "Andy", "Joshua": "Josh", "Nicholas": "Nick",
    "Jonathan": "Jon", "Benjamin": "Ben", "Samuel": "Sam", "Elizabeth": "Liz", "Jennifer": "Jen",
    "Patricia": "Pat", "Rebecca": "Becky", "Abigail": "Abby", "Edward": "Ed", "Timothy": "Tim",
    "Alessandro": "Alex", "Maximilian": "Max", "Aleksandra": "Ola", "Francesco": "Franco",
}  # fmt: skip

EMOJI = ["🌀", "🐝", "🚀", "☕", "🌱", "✨"]
CREDENTIALS = ["PhD", "MBA", "CPA", "PMP", "CFA", "Dr.-Ing."]


@dataclass
class Name:
    """A person's name as they would give it, with the parts sources need."""

    given: str
    family: str
    middle: str = ""
    culture: str = "en"

    @property
    def full(self) -> str:
        parts = [self.given, self.middle, self.family]
        return " ".join(p for p in parts if p)

    @property
    def family_first(self) -> bool:
        return bool(CULTURES[self.culture].get("family_first"))


class NameMaker:
    """Makes names that are unique unless asked otherwise."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[tuple[str, str]] = set()
        self._lists = {
            c: (d["given"].split(), d["family"].split(), d["pre"].split(), d["post"].split())
            for c, d in CULTURES.items()
        }
        self._cultures = list(CULTURE_WEIGHTS)
        self._weights = list(CULTURE_WEIGHTS.values())

    def _family(self, culture: str) -> str:
        _, family, pre, post = self._lists[culture]
        if pre and post and self.rng.random() < 0.35:
            return self.rng.choice(pre) + self.rng.choice(post)
        return self.rng.choice(family)

    def make(self) -> Name:
        """A new name nobody in the world has yet (after a few tries, with a middle initial)."""
        culture = self.rng.choices(self._cultures, self._weights)[0]
        given_list = self._lists[culture][0]
        for attempt in range(40):
            given = self.rng.choice(given_list)
            family = self._family(culture)
            if attempt > 30 and culture in ("zh", "vi", "ko"):
                given = given + self.rng.choice(given_list).lower()
            key = (given, family)
            if key not in self.used:
                self.used.add(key)
                middle = ""
                if culture in ("en", "de", "nordic") and self.rng.random() < 0.12:
                    middle = self.rng.choice(given_list)
                return Name(given, family, middle, culture)
        # Crowded: fall back to a double family name, still unique.
        family = f"{self._family(culture)}-{self._family(culture)}"
        self.used.add((given, family))
        return Name(given, family, "", culture)

    def same_as(self, other: Name) -> Name:
        """A different person with exactly the same name."""
        return Name(other.given, other.family, other.middle, other.culture)
