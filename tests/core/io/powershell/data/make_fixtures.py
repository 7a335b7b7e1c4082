#!/usr/bin/env python3
"""Writes the fixtures of this folder: PowerShell exports in the variants the shared samples
(../shared/formats/samples) do not cover. Run it from this folder; the output is deterministic."""
import json

def ps51(v, col=0):
    """Windows PowerShell 5.1 ConvertTo-Json layout: 4-space steps, two spaces after the colon,
    nested values aligned under their key, CRLF, empty containers over two lines."""
    pad = ' ' * col
    if isinstance(v, dict):
        if not v:
            return "{\r\n\r\n" + pad + "}"
        parts = []
        for k, val in v.items():
            key = pad + '    ' + json.dumps(k) + ':  '
            parts.append(key + ps51(val, len(key)))
        return "{\r\n" + ",\r\n".join(parts) + "\r\n" + pad + "}"
    if isinstance(v, list):
        if not v:
            return "[\r\n\r\n" + pad + "]"
        parts = [pad + '    ' + ps51(x, col + 4) for x in v]
        return "[\r\n" + ",\r\n".join(parts) + "\r\n" + pad + "]"
    s = json.dumps(v, ensure_ascii=False)
    return s.replace('<', '\\u003c').replace('>', '\\u003e').replace('&', '\\u0026').replace("'", '\\u0027')

def ps7(v):
    return json.dumps(v, indent=2, ensure_ascii=False)

def cim(cls, server, computer=None):
    return {
        "CimClass": {"CimSuperClassName": "CIM_Foo", "CimSuperClass": "ROOT/StandardCimv2:CIM_Foo",
                     "CimClassProperties": "Caption Description ElementName", "CimClassQualifiers": "dynamic provider",
                     "CimClassMethods": "", "CimSystemProperties": "Microsoft.Management.Infrastructure.CimSystemProperties"},
        "CimInstanceProperties": ["Caption", "Description", "ElementName"],
        "CimSystemProperties": {"Namespace": "root/StandardCimv2", "ServerName": server, "ClassName": cls, "Path": None},
    }

def tail(d, computer):
    d["PSComputerName"] = computer
    return d

def write(name, text, enc='utf-8', bom=b''):
    with open(name, 'wb') as f:
        f.write(bom + text.encode(enc))

lifetime = {"Ticks": 9223372036854775807, "Days": 10675199, "Hours": 2, "Milliseconds": 477, "Minutes": 48, "Seconds": 5,
            "TotalDays": 10675199.116730064, "TotalHours": 256204778.80152154, "TotalMilliseconds": 922337203685477,
            "TotalMinutes": 15372286728.091293, "TotalSeconds": 922337203685.4775}

# 1. PowerShell 7 -EnumsAsStrings Get-NetIPAddress through a CIM session: names for enums,
#    ServerName as an FQDN, PSComputerName set.
def ipaddr(addr, plen, alias, idx, fam, skip, porigin, sorigin):
    d = cim("MSFT_NetIPAddress", "ex2016-02.contoso.example")
    d.update({"PrefixOrigin": porigin, "SuffixOrigin": sorigin, "Type": "Unicast", "Store": "ActiveStore",
              "AddressFamily": fam, "AddressState": "Preferred", "ifIndex": idx, "Name": ";C?8;@B8??55;",
              "AddressOrigin": 0, "IPv4Address": addr if fam == "IPv4" else None,
              "IPv6Address": addr if fam == "IPv6" else None, "PrefixLength": plen, "SubnetMask": None,
              "InterfaceAlias": alias, "InterfaceIndex": idx, "IPAddress": addr,
              "PreferredLifetime": lifetime, "SkipAsSource": skip, "ValidLifetime": lifetime})
    return tail(d, "ex2016-02.contoso.example")
rows = [ipaddr("10.0.20.15", 24, "MAPI", 4, "IPv4", False, "Manual", "Manual"),
        ipaddr("10.0.20.16", 24, "MAPI", 4, "IPv4", True, "Manual", "Manual"),
        ipaddr("10.0.20.50", 32, "Loopback VIP", 9, "IPv4", True, "Manual", "Manual"),
        ipaddr("192.168.77.30", 24, "Backup", 7, "IPv4", False, "Dhcp", "Dhcp"),
        ipaddr("127.0.0.1", 8, "Loopback Pseudo-Interface 1", 1, "IPv4", False, "WellKnown", "WellKnown")]
write("ps7-enumsasstrings.get-netipaddress.json", ps7(rows))

# 2. PowerShell 7 -EnumsAsStrings Get-NetIPInterface.
def ipif(alias, idx, fam, send, recv, fwd, dhcp, metric):
    d = cim("MSFT_NetIPInterface", "ex2016-02.contoso.example")
    d.update({"ifAlias": alias, "ifIndex": idx, "AddressFamily": fam, "Forwarding": fwd, "ClampMss": "Disabled",
              "Advertising": "Disabled", "AutomaticMetric": "Disabled", "WeakHostSend": send, "WeakHostReceive": recv,
              "Dhcp": dhcp, "ConnectionState": "Connected", "Store": "ActiveStore", "InterfaceAlias": alias,
              "InterfaceIndex": idx, "InterfaceMetric": metric, "NlMtu": 1500})
    return tail(d, "ex2016-02.contoso.example")
rows = [ipif("MAPI", 4, "IPv4", "Disabled", "Enabled", "Disabled", "Disabled", 25),
        ipif("Loopback VIP", 9, "IPv4", "Enabled", "Enabled", "Disabled", "Disabled", 254),
        ipif("Backup", 7, "IPv4", "Disabled", "Disabled", "Enabled", "Enabled", 35),
        ipif("isatap.{1C6B5B2E-3A57-4D08-8E44-6E0A2F1D9B11}", 12, "IPv6", "Disabled", "Disabled", "Disabled", "Disabled", 50)]
write("ps7-enumsasstrings.get-netipinterface.json", ps7(rows))

# 3. PowerShell 7 without -EnumsAsStrings: Get-NetRoute with ints, ISO nothing; a static route.
def route(prefix, hop, alias, idx, fam, proto, rmetric):
    d = cim("MSFT_NetRoute", "ex2016-02.contoso.example")
    d.update({"ifIndex": idx, "AddressFamily": fam, "Protocol": proto, "Publish": 0, "Store": 1, "RouteMetric": rmetric,
              "TypeOfRoute": 3, "DestinationPrefix": prefix, "InterfaceAlias": alias, "InterfaceIndex": idx,
              "InterfaceMetric": 25, "NextHop": hop, "PreferredLifetime": lifetime, "ValidLifetime": lifetime})
    return tail(d, "ex2016-02.contoso.example")
rows = [route("0.0.0.0/0", "10.0.20.1", "MAPI", 4, 2, 3, 0),
        route("172.16.0.0/16", "10.0.20.254", "MAPI", 4, 2, 3, 10),
        route("10.0.20.0/24", "0.0.0.0", "MAPI", 4, 2, 2, 256),
        route("::/0", "fe80::1", "MAPI", 4, 23, 4, 256)]
write("ps7-ints.get-netroute.json", ps7(rows))

# 4. A single Get-DnsClientServerAddress object, UTF-8 with BOM (Out-File -Encoding utf8).
d = cim("MSFT_DNSClientServerAddress", "EX2016-02")
d.update({"AddressFamily": 2, "ElementName": "MAPI", "Name": "4", "InterfaceAlias": "MAPI", "InterfaceIndex": 4,
          "ServerAddresses": ["10.0.20.5", "10.0.20.6"]})
write("utf8bom.single.get-dnsclientserveraddress.json", ps51(tail(d, None)) + "\r\n", bom=b'\xef\xbb\xbf')

# 5. PowerShell 7 Get-NetAdapter, two adapters, one the KM-TEST loopback adapter.
def adapter(name, idx, desc):
    d = cim("MSFT_NetAdapter", "EX2016-02")
    d.update({"MacAddress": "00-15-5D-00-0A-01", "Status": "Up", "LinkSpeed": "10 Gbps", "ifAlias": name, "InterfaceAlias": name,
              "ifIndex": idx, "ifDesc": desc, "Name": name, "InterfaceDescription": desc, "InterfaceIndex": idx,
              "Speed": 9223372036854775807, "Virtual": False})
    return tail(d, None)
write("ps7.get-netadapter.json", ps7([adapter("MAPI", 4, "Microsoft Hyper-V Network Adapter"),
                                      adapter("Loopback VIP", 9, "Microsoft KM-TEST Loopback Adapter")]))

# 6. Remote-session Get-ExchangeServer, one object, written by 5.1 '>' but without the BOM
#    (UTF-16LE, every second byte NUL).
d = {"PSComputerName": "ex2016-02.contoso.example", "RunspaceId": "5b6a1f3e-0c1d-4e2f-9a3b-4c5d6e7f8091",
     "PSShowComputerName": False, "Name": "EX2016-02", "Domain": "contoso.example", "Edition": "Enterprise",
     "Fqdn": "EX2016-02.contoso.example", "IsHubTransportServer": True, "IsClientAccessServer": True,
     "IsEdgeServer": False, "IsMailboxServer": True, "AdminDisplayVersion": "Version 15.1 (Build 2507.6)",
     "Site": "contoso.example/Configuration/Sites/Paris", "ServerRole": "Mailbox",
     "ObjectClass": ["top", "server", "msExchExchangeServer"], "ObjectState": "Unchanged",
     "WhenChanged": "/Date(1712646895000)/"}
write("utf16le-nobom.remote.get-exchangeserver.json", ps51(d) + "\r\n", enc='utf-16-le')

# 7. Get-ReceiveConnector exported with -Depth 1 (EMS): collections and objects below the limit
#    became their ToString: space-joined lists.
d = {"AuthMechanism": 1, "Bindings": "10.0.20.16:25 [::]:2526", "Fqdn": "relay.contoso.example", "Enabled": True,
     "MaxMessageSize": "20 MB (20,971,520 bytes)", "PermissionGroups": 1,
     "RemoteIPRanges": "192.0.2.0/24 10.1.1.1-10.1.1.9 2001:db8::/64", "Server": "EX2016-02", "TransportRole": 16384,
     "TlsDomainCapabilities": "System.Collections.Generic.List`1[Microsoft.Exchange.Data.SmtpReceiveDomainCapabilities]",
     "Name": "Relay EX2016-02", "Identity": "EX2016-02\\Relay EX2016-02", "ObjectClass": "top msExchSmtpReceiveConnector",
     "ObjectState": 1, "PSComputerName": "ex2016-02.contoso.example"}
d2 = dict(d); d2.update({"Name": "Lost EX2016-02", "Identity": "EX2016-02\\Lost EX2016-02",
                          "Bindings": "Microsoft.Exchange.Data.MultiValuedProperty`1[Microsoft.Exchange.Data.IPBinding]",
                          "RemoteIPRanges": "192.0.2.77"})
write("ems.depth1.get-receiveconnector.json", ps51([d, d2]) + "\r\n")

# 8. One receive connector, EMS, default depth 2: as a bare object it keeps the -Depth 3
#    detail (IPBinding and IPRange objects); one range without Expression.
rng = lambda lo, hi, nm, cidr, fmt, expr: {"LowerBound": lo, "UpperBound": hi, "Netmask": nm, "CIDRLength": cidr,
                                          "RangeFormat": fmt, "Size": "::1", "Expression": expr}
d = {"AuthMechanism": 3, "Bindings": [{"Port": 587, "AddressFamily": 2, "Address": "10.0.20.15"},
                                      {"Port": 587, "AddressFamily": 23, "Address": "::"}],
     "Fqdn": {"Domain": "ex2016-02.contoso.example"}, "Enabled": False, "Comment": "Partners <TLS> & more",
     "MaxMessageSize": {}, "PermissionGroups": 18,
     "RemoteIPRanges": [rng("192.0.2.0", "192.0.2.255", "255.255.255.0", None, 2, "192.0.2.0(255.255.255.0)"),
                        rng("198.51.100.0", "198.51.100.127", "255.255.255.128", 25, 1, None),
                        rng("2001:db8::1", "2001:db8::ff", None, None, 3, "2001:db8::1-2001:db8::ff")],
     "Server": {"Rdn": {"Prefix": "CN", "EscapedName": "EX2016-02", "UnescapedName": "EX2016-02"},
                "DistinguishedName": "CN=EX2016-02,CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=example",
                "Name": "EX2016-02"},
     "TransportRole": 32, "Name": "Partner Submission",
     "DistinguishedName": "CN=Partner Submission,CN=SMTP Receive Connectors,CN=Protocols,CN=EX2016-02,CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=example",
     "ObjectClass": ["top", "msExchSmtpReceiveConnector"], "ObjectState": 1,
     "WhenChanged": "/Date(1712646895000)/", "PSComputerName": "ex2019-01.contoso.example", "RunspaceId": "3f0b2c1a-5d7e-4c11-9a6b-2b8c0d1e4f55",
     "PSShowComputerName": False}
write("ems.single-object.depth2.get-receiveconnector.json", ps51(d) + "\r\n")

# 9. Remote-session Get-SendConnector, one object.
d = {"PSComputerName": "ex2016-02.contoso.example", "RunspaceId": "5b6a1f3e-0c1d-4e2f-9a3b-4c5d6e7f8091",
     "PSShowComputerName": False, "DNSRoutingEnabled": False, "TlsAuthLevel": "DomainValidation",
     "SmartHosts": ["[192.0.2.99]", "backup-relay.fabrikam.example"],
     "Port": 587, "Fqdn": "out.contoso.example", "RequireTLS": True, "Enabled": False,
     "SmartHostAuthMechanism": "BasicAuth", "SourceIPAddress": "0.0.0.0",
     "AddressSpaces": ["SMTP:fabrikam.example;5", "smtp:*.fabrikam.example;10"],
     "IsScopedConnector": True, "FrontendProxyEnabled": True, "Comment": "",
     "SourceTransportServers": ["EX2016-02", "EX2019-01"], "MaxMessageSize": "Unlimited",
     "Name": "Fabrikam", "Identity": "Fabrikam",
     "ObjectClass": ["top", "msExchConnector", "mailGateway", "msExchRoutingSMTPConnector"],
     "ObjectState": "Unchanged"}
write("remote.single-object.get-sendconnector.json", ps51(d) + "\r\n")

# 10. EMS Get-ADPermission: AccessRights as ints, User/ExtendedRights as objects, Identity as an
#     ADObjectId, Deny as a SwitchParameter; one right MailTopo does not model.
ident = {"Rdn": "CN=Partner Submission", "Parent": "SMTP Receive Connectors",
         "DistinguishedName": "CN=Partner Submission,CN=SMTP Receive Connectors,CN=Protocols,CN=EX2016-02,CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=example",
         "Name": "Partner Submission"}
def ace(user, rights, deny, inherited):
    return {"AccessRights": [256], "ExtendedRights": [{"RawIdentity": r, "IsAnonymous": False} for r in rights] if rights else None,
            "ChildObjectTypes": None, "InheritedObjectType": None, "Properties": None, "IsValid": True,
            "Deny": {"IsPresent": deny}, "InheritanceType": 1,
            "User": {"RawIdentity": user, "SecurityIdentifier": {"BinaryLength": 12, "AccountDomainSid": None, "Value": "S-1-5-7"}},
            "Identity": ident, "IsInherited": inherited, "ObjectState": 1,
            "PSComputerName": "ex2019-01.contoso.example"}
rows = [ace("MS Exchange\\Partner Servers", ["ms-Exch-SMTP-Submit", "ms-Exch-SMTP-Accept-Any-Sender"], False, False),
        ace("MS Exchange\\Partner Servers", ["ms-Exch-SMTP-Accept-XShadow"], False, False),
        ace("CONTOSO\\Interns", ["ms-Exch-SMTP-Submit"], True, False)]
write("ems.get-adpermission.json", ps51(rows) + "\r\n")

# 11. EMS Get-AcceptedDomain, one object: DomainName as SmtpDomainWithSubdomains, int type.
d = {"DomainName": {"Address": "fabrikam.example", "IncludeSubDomains": True, "Domain": "fabrikam.example",
                    "SmtpDomain": {"Domain": "fabrikam.example"}, "IsStar": False},
     "DomainType": 2, "Default": False, "MatchSubDomains": True, "Name": "Fabrikam (internal relay)",
     "DistinguishedName": "CN=Fabrikam (internal relay),CN=Accepted Domains,CN=Transport Settings,CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=example",
     "ObjectClass": ["top", "msExchAcceptedDomain"], "ObjectState": 1}
write("ems.single-object.get-accepteddomain.json", ps51(d) + "\r\n")

# 12. Get-NetIPAddress exported with -Depth 1: CimSystemProperties became its type name; the server is lost.
d = {"CimClass": "ROOT/StandardCimv2:MSFT_NetIPAddress", "CimInstanceProperties": "Caption Description ElementName",
     "CimSystemProperties": "Microsoft.Management.Infrastructure.CimSystemProperties", "AddressFamily": 2,
     "IPAddress": "10.9.9.9", "InterfaceAlias": "Ethernet", "InterfaceIndex": 3, "PrefixLength": 24,
     "SkipAsSource": False, "PrefixOrigin": 1, "SuffixOrigin": 1, "PSComputerName": None}
write("cim.truncated-server.get-netipaddress.json", ps51([d, dict(d, IPAddress="10.9.9.10")]) + "\r\n")
