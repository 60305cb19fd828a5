"""Building blocks of the benchmark data generator (`benchmarks/generate.py`).

- `names`: people's names by culture, nicknames, and how sources spell them;
- `companies`: the company catalogue (real-looking and synthetic), legal forms and name variants;
- `world`: the people, their employers and which sources know them (the truth);
- `writers`: LinkedIn, vCard, Facebook and target-list files written from the world.
"""
