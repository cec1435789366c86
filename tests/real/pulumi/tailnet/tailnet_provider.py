"""Dynamic providers that manage a local stand-in for a tailnet: one JSON file holding the ACL text,
the tags of each device and the DNS nameservers. Created, read (refresh), updated and deleted like a
real provider would do it over an API; editing the file behind Pulumi's back is drift.

The file's path comes from the environment (BLUMEOPS_TAILNET_FILE), so a test points each stack at
its own file; the provider process inherits pulumi's environment. A tag that is not `tag:name`
fails the write, the way the real API refuses it.
"""
import fcntl
import json
import os
import re
import threading
import time
from contextlib import contextmanager
from typing import Any, Iterator, Optional

import pulumi
from pulumi.dynamic import CreateResult, DiffResult, ReadResult, Resource, ResourceProvider, UpdateResult

TAG = re.compile(r"^tag:[a-z0-9-]+$")


def _path() -> str:
    path = os.environ.get("BLUMEOPS_TAILNET_FILE")
    if not path:
        raise Exception("BLUMEOPS_TAILNET_FILE is not set: the tailnet file to manage is unknown")
    return path


def _load() -> dict:
    try:
        with open(_path(), encoding="utf-8") as file:
            return json.load(file)
    except FileNotFoundError:
        return {"acl": None, "devices": {}, "dns": {"nameservers": None}}


@contextmanager
def _editing() -> Iterator[dict]:
    """Read, change and write the tailnet as one step. Pulumi runs the resources of one update in
    parallel, so two providers may write at once: without the lock one write is lost (or its temp
    file is renamed away under it), as a real API would never allow."""
    # BLUMEOPS_TAILNET_DELAY (seconds) makes every write slow, for tests that interrupt an update
    # or hold the stack's lock while it runs.
    time.sleep(float(os.environ.get("BLUMEOPS_TAILNET_DELAY") or 0))
    path = _path()
    with open(f"{path}.lock", "a", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        tailnet = _load()
        yield tailnet
        temp = f"{path}.{os.getpid()}.{threading.get_ident()}.tmp"
        with open(temp, "w", encoding="utf-8") as file:
            json.dump(tailnet, file, indent=2, sort_keys=True)
            file.write("\n")
        os.replace(temp, path)


def _changed(olds: dict, news: dict, keys: list) -> DiffResult:
    changes = [key for key in keys if olds.get(key) != news.get(key)]
    return DiffResult(changes=bool(changes), replaces=[], delete_before_replace=False)


class AclProvider(ResourceProvider):
    def create(self, props: dict) -> CreateResult:
        with _editing() as tailnet:
            tailnet["acl"] = props["acl"]
        # The API key authenticates against the tailnet; it is not part of the tailnet's data.
        return CreateResult("acl", {"acl": props["acl"], "api_key": props.get("api_key")})

    def read(self, id: str, props: dict) -> ReadResult:
        acl = _load().get("acl")
        if acl is None:
            return ReadResult(None, {})
        return ReadResult(id, {"acl": acl, "api_key": props.get("api_key")})

    def diff(self, id: str, olds: dict, news: dict) -> DiffResult:
        return _changed(olds, news, ["acl", "api_key"])

    def update(self, id: str, olds: dict, news: dict) -> UpdateResult:
        with _editing() as tailnet:
            tailnet["acl"] = news["acl"]
        return UpdateResult({"acl": news["acl"], "api_key": news.get("api_key")})

    def delete(self, id: str, props: dict) -> None:
        with _editing() as tailnet:
            tailnet["acl"] = None


class DeviceTagsProvider(ResourceProvider):
    def _write(self, device_id: str, tags: list) -> None:
        bad = [tag for tag in tags if not TAG.match(tag)]
        if bad:
            raise Exception(f"device {device_id}: invalid tag {bad[0]!r} (tags look like tag:name)")
        with _editing() as tailnet:
            tailnet.setdefault("devices", {})[device_id] = {"tags": list(tags)}

    def create(self, props: dict) -> CreateResult:
        self._write(props["device_id"], props["tags"])
        return CreateResult(props["device_id"], {"device_id": props["device_id"], "tags": props["tags"]})

    def read(self, id: str, props: dict) -> ReadResult:
        device = _load().get("devices", {}).get(id)
        if device is None:
            return ReadResult(None, {})
        return ReadResult(id, {"device_id": id, "tags": device.get("tags", [])})

    def diff(self, id: str, olds: dict, news: dict) -> DiffResult:
        if olds.get("device_id") != news.get("device_id"):
            return DiffResult(changes=True, replaces=["device_id"], delete_before_replace=True)
        return _changed(olds, news, ["tags"])

    def update(self, id: str, olds: dict, news: dict) -> UpdateResult:
        self._write(news["device_id"], news["tags"])
        return UpdateResult({"device_id": news["device_id"], "tags": news["tags"]})

    def delete(self, id: str, props: dict) -> None:
        with _editing() as tailnet:
            tailnet.get("devices", {}).pop(id, None)


class NameserversProvider(ResourceProvider):
    def create(self, props: dict) -> CreateResult:
        with _editing() as tailnet:
            tailnet["dns"] = {"nameservers": props["nameservers"]}
        return CreateResult("dns", {"nameservers": props["nameservers"]})

    def read(self, id: str, props: dict) -> ReadResult:
        nameservers = (_load().get("dns") or {}).get("nameservers")
        if nameservers is None:
            return ReadResult(None, {})
        return ReadResult(id, {"nameservers": nameservers})

    def diff(self, id: str, olds: dict, news: dict) -> DiffResult:
        return _changed(olds, news, ["nameservers"])

    def update(self, id: str, olds: dict, news: dict) -> UpdateResult:
        with _editing() as tailnet:
            tailnet["dns"] = {"nameservers": news["nameservers"]}
        return UpdateResult({"nameservers": news["nameservers"]})

    def delete(self, id: str, props: dict) -> None:
        with _editing() as tailnet:
            tailnet["dns"] = {"nameservers": None}


class Acl(Resource, module="tailnet", name="Acl"):
    def __init__(
        self,
        name: str,
        acl: pulumi.Input[str],
        api_key: Optional[pulumi.Input[str]] = None,
        opts: Optional[pulumi.ResourceOptions] = None,
    ):
        super().__init__(AclProvider(), name, {"acl": acl, "api_key": api_key}, opts)


class DeviceTags(Resource, module="tailnet", name="DeviceTags"):
    def __init__(self, name: str, device_id: str, tags: pulumi.Input[list], opts: Optional[pulumi.ResourceOptions] = None):
        super().__init__(DeviceTagsProvider(), name, {"device_id": device_id, "tags": tags}, opts)


class Nameservers(Resource, module="tailnet", name="Nameservers"):
    def __init__(self, name: str, nameservers: pulumi.Input[list], opts: Optional[pulumi.ResourceOptions] = None):
        super().__init__(NameserversProvider(), name, {"nameservers": nameservers}, opts)
