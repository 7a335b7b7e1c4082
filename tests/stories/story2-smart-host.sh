#!/usr/bin/env bash
# Story 2 — sending through the ISP's smart host (seed S1; R27, R28, R29, R38).
#
# A small company: EX01 (Exchange 2016) behind a firewall whose only public address,
# 198.51.100.1, is leased from the ISP. The MX points there and mail goes straight out to
# the recipients' MX hosts. Receivers that block dynamic addresses (the SORBS DUHL policy,
# R38) see an address whose PTR is the ISP's dsl-… name and TTLs of an hour.
#
# The fix: route outbound mail through the ISP's SMTP server (a send connector with a smart
# host, R28). Receivers then judge the ISP relay's static address instead; the relay must
# accept relaying from 198.51.100.1 (R29).
#
# Usage: story2-smart-host.sh MAILTOPO_CLI OUTDIR
# Writes OUTDIR/story2-smart-host.mailtopo (direct delivery),
#        OUTDIR/story2-smart-host-spf-missing.mailtopo (through the smart host, SPF unchanged)
#        and OUTDIR/story2-smart-host-fixed.mailtopo (through the smart host, SPF updated).
set -eu
cli=${1:?usage: $0 MAILTOPO_CLI OUTDIR}
out=${2:?usage: $0 MAILTOPO_CLI OUTDIR}
design="$out/story2-smart-host.mailtopo"
fixed="$out/story2-smart-host-fixed.mailtopo"
edit() { "$cli" edit "$design" "$@"; }

"$cli" new -o "$design"
edit --set "design:name=Story 2: sending through a smart host" \
     --set "design:description=EX01 delivers directly from the firewall's leased address; receivers that block dynamic addresses refuse it (R38). The fix sends through the ISP relay (R28, R29)."
edit --add accepted-domain --parent organization --name example.com >/dev/null

internet=$(edit --add internet@250,0)
edit --set "$internet:subnets=198.51.100.0/24,192.0.2.0/24,203.0.113.0/24"
lan=$(edit --add segment-lan@750,0)
edit --set "$lan:subnets=10.0.0.0/24"
fw=$(edit --add firewall@500,100)
edit --connect "$fw=$internet"         # outside 198.51.100.1, leased from the ISP; 0.0.0.0/0
edit --connect "$fw=$lan"              # inside 10.0.0.1
edit --add firewall-rule --parent "$fw" >/dev/null
ex=$(edit --add exchange-2016-mailbox@1000,0)
edit --connect "$ex=$lan"              # 10.0.0.2, gateway 10.0.0.1
# Port forwarding: the one public address, port 25, to the Exchange server.
nat=$(edit --add nat-rule:inbound --parent "$fw")
edit --set "$nat:publicAddress=198.51.100.1"
sc=$(edit --add send-connector:internet --parent organization)   # address space *, MX lookup

# The company's DNS: MX, A and an SPF record that authorises the MX host; and the PTR the
# ISP publishes for the leased address, a dynamic-looking name with a TTL of one hour.
zone=$(edit --add dns-zone)
edit --set "$zone:origin=example.com."
edit --add dns-record --parent "$zone" --name "@ 86400 MX 10 mail.example.com." >/dev/null
edit --add dns-record --parent "$zone" --name "mail 86400 A 198.51.100.1" >/dev/null
edit --add dns-record --parent "$zone" --name "@ TXT \"v=spf1 mx -all\"" >/dev/null
reverse=$(edit --add dns-zone)
edit --set "$reverse:origin=100.51.198.in-addr.arpa."
edit --add dns-record --parent "$reverse" --name "1 3600 PTR dsl-198-51-100-1.dyn.isp.example." >/dev/null

# The ISP's SMTP server: relays for its customers' addresses, forwards to the recipient.
isp=$(edit --add smart-host@0,250)
edit --set "$isp:name=ISP-RELAY" --set "$isp:fqdn=smtp.isp.example" \
     --set "$isp:smtp.relayFrom=198.51.100.0/24" --set "$isp:smtp.nextHops=203.0.113.25"
ispnic=$isp-nic1   # the NIC a host from the palette comes with
# Its address first: connecting keeps an address the segment carries (and adopts no gateway);
# on the internet it reaches every address on-link: a default route, no next hop.
edit --set "$ispnic:addresses=192.0.2.10/24" --connect "$ispnic=$internet"

flow=$(edit --add flow --parent design --name "EX01 to example.net")
edit --set "$flow:source=$ex" --set "$flow:destination=203.0.113.25" \
     --set "$flow:mailFrom=user@example.com" --set "$flow:rcptTo=partner@example.net"

# The fix, in a copy: the send connector uses the ISP relay as its smart host, and the
# flow follows it (EX01 → ISP-RELAY → 203.0.113.25). Receivers now judge the relay's
# address, so the SPF record authorises it too (R29): the zone's records, as the file holds them.
records='[{"name": "@", "type": "MX", "ttl": 86400, "data": "10 mail.example.com."},
          {"name": "mail", "type": "A", "ttl": 86400, "data": "198.51.100.1"},
          {"name": "@", "type": "TXT", "data": "\"v=spf1 mx ip4:192.0.2.10 -all\""}]'
"$cli" edit "$design" -o "$fixed" \
    --set "$sc:dnsRoutingEnabled=false" --set "$sc:smartHosts=192.0.2.10" \
    --set "$flow:destination=$isp" --set "$zone:records=$records"

# Half the fix, as the seed tells it: the route changes and the SPF record does not. The relay
# is drawn as the ISP runs it, a receiving host whose onward delivery the design does not
# show; receivers judge its address all the same (R29), so spf=fail is reported.
"$cli" edit "$design" -o "$out/story2-smart-host-spf-missing.mailtopo" \
    --set "$sc:dnsRoutingEnabled=false" --set "$sc:smartHosts=192.0.2.10" \
    --set "$flow:destination=$isp" --set "$isp:smtp.nextHops="
