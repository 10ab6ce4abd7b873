class ConfigError(Exception):
    pass

def read_setting(settings, key):
    try:
        return settings[key]
    except KeyError as e:
        raise ConfigError(f"missing setting {key!r}") from e

settings = {"workers": 4}
print("workers =", read_setting(settings, "workers"))
print("timeout =", read_setting(settings, "timeout"))
