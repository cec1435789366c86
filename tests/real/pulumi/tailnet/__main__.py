"""The tailnet of a homelab, from the desired state in tailnet.yaml, managed by dynamic providers
(tailnet_provider.py) that write a local JSON stand-in for the tailnet's API."""
import pulumi
import yaml

from tailnet_provider import Acl, DeviceTags, Nameservers

config = pulumi.Config()
with open("tailnet.yaml", encoding="utf-8") as file:
    desired = yaml.safe_load(file)

acl = Acl("tailnet-acl", acl=desired["acl"], api_key=config.get_secret("apiKey"))
for device_id, tags in desired.get("devices", {}).items():
    DeviceTags(f"{device_id}-tags", device_id=device_id, tags=tags)
Nameservers("dns", nameservers=desired["nameservers"])

pulumi.export("aclId", acl.id)
