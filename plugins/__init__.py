"""The importers that ship with whoknows. Each is a plugin like any third-party one."""
