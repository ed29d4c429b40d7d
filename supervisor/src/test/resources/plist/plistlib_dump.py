"""Loads the plist named by argv[1] with Python's plistlib and prints it as JSON, every value tagged
with its plist type so that integer/real/boolean and string/date/data stay apart; dictionaries are
lists of [key, value] pairs so that key order is compared too."""
import base64
import datetime
import json
import plistlib
import sys

EPOCH = datetime.datetime(1970, 1, 1)


def tag(value):
    if isinstance(value, bool):
        return {"bool": value}
    if isinstance(value, int):
        return {"int": value}
    if isinstance(value, float):
        return {"real": value}
    if isinstance(value, str):
        return {"string": value}
    if isinstance(value, bytes):
        return {"data": base64.b64encode(value).decode("ascii")}
    if isinstance(value, datetime.datetime):
        naive = value.replace(tzinfo=None)  # plistlib gives UTC
        return {"date_ms": round((naive - EPOCH) / datetime.timedelta(milliseconds=1))}
    if isinstance(value, list):
        return {"array": [tag(item) for item in value]}
    if isinstance(value, dict):
        return {"dict": [[key, tag(item)] for key, item in value.items()]}
    raise TypeError("unexpected plist value %r" % (value,))


with open(sys.argv[1], "rb") as f:
    data = f.read()
root = plistlib.loads(data)
fmt = "binary" if data.startswith(b"bplist00") else "xml"
print(json.dumps({"format": fmt, "root": tag(root)}))
