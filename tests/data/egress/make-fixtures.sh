#!/usr/bin/env bash
# Writes the egress fixtures of this folder with `mailtopo-cli new` and `edit` (issue 16,
# item 2: every egress judged). Each design sends mail that leaves the design one way, with
# an SPF record that does not authorize the address the final receiver sees, so
# `validate` must report spf-egress-not-authorized for it:
#   r34-egress-own-public-address  an Edge server with its own public address, no NAT, to an
#                                   internet MTA the design draws (R16, R34)
#   r29-seed-001-smart-host-spf     seed S1: Exchange sends through the ISP's relay, which the
#                                   design models as a receiving host only; the relay's own
#                                   address is judged (R29, R34)
#   r29-smart-host-delivers-by-mx   the same relay with next hop "mx:": the trace continues from
#                                   it to the recipient's MX, and that egress is judged (R29, R34)
# (The firewall NAT class is E17: tests/scenarios/e17-source-drift-breaks-spf.mailtopo.)
#
# Usage: make-fixtures.sh MAILTOPO_CLI [OUTDIR]   (OUTDIR defaults to this folder)
set -eu
cli=${1:?usage: $0 MAILTOPO_CLI [OUTDIR]}
out=${2:-$(cd "$(dirname "$0")" && pwd)}

# --- An Edge server in a DMZ with a public address of its own: no NAT between it and the
# internet, so receivers see its own source address.
design="$out/r34-egress-own-public-address.mailtopo"
edit() { "$cli" edit "$design" "$@" 2>/dev/null; }
"$cli" new --force -o "$design" 2>/dev/null
edit --set "design:name=R34: an Edge server sends from its own public address" \
     --set "design:description=EDGE01 holds 198.51.100.30 on the internet segment and sends by MX without NAT. The SPF of example.com lists only 198.51.100.25 (the server it replaced), so receivers see spf=fail for 198.51.100.30 (R16: no NAT, the egress is the host's own source; R34)."
edit --add accepted-domain --parent organization --name example.com >/dev/null
internet=$(edit --add internet@250,0)
edit --set "$internet:subnets=198.51.100.0/24,203.0.113.0/24"
edge=$(edit --add exchange-2019-edge@500,0)
edit --set "$edge:name=EDGE01" --set "$edge:fqdn=edge01.example.com"
edit --set "$edge-nic1:addresses=198.51.100.30/24" --connect "$edge-nic1=$internet"
sc=$(edit --add send-connector:internet --parent organization)
edit --set "$sc:sourceServers=$edge"
zone=$(edit --add dns-zone)
edit --set "$zone:origin=example.com."
edit --add dns-record --parent "$zone" --name "@ 86400 MX 10 mail.example.com." >/dev/null
edit --add dns-record --parent "$zone" --name "mail 86400 A 198.51.100.30" >/dev/null
# Left from the server EDGE01 replaced: the record still authorizes only its old address.
edit --add dns-record --parent "$zone" --name "@ TXT \"v=spf1 ip4:198.51.100.25 -all\"" >/dev/null
# The receiver is drawn (an internet MTA): the connection still leaves the organisation.
mta=$(edit --add internet-sender@0,0)
edit --set "$mta:name=MX-EXAMPLE-NET" --set "$mta:fqdn=mx.example.net" \
     --set "$mta:smtp.listenPorts=25" --set "$mta:smtp.localDomains=example.net"
edit --set "$mta-nic1:addresses=203.0.113.25/24" --connect "$mta-nic1=$internet"
flow=$(edit --add flow --parent design --name "EDGE01 to example.net")
edit --set "$flow:source=$edge" --set "$flow:destination=203.0.113.25" \
     --set "$flow:mailFrom=user@example.com" --set "$flow:rcptTo=partner@example.net"

# --- Seed S1 (story 2's fix, half done): EX01 sends through the ISP's relay, but the SPF
# record still authorizes only the MX host. The relay is a receiving host of the design
# without next hops; receivers judge its own address.
design="$out/r29-seed-001-smart-host-spf.mailtopo"
"$cli" new --force -o "$design" 2>/dev/null
edit --set "design:name=R29: seed S1, the smart host is not in the SPF record" \
     --set "design:description=EX01 routes outbound mail through the ISP relay 192.0.2.10 (seed S1). Receivers now judge the relay's address, which 'v=spf1 mx -all' does not authorize: spf=fail (R29, R34). Fix: add ip4:192.0.2.10 to the SPF record of example.com."
edit --add accepted-domain --parent organization --name example.com >/dev/null
internet=$(edit --add internet@250,0)
edit --set "$internet:subnets=198.51.100.0/24,192.0.2.0/24,203.0.113.0/24"
lan=$(edit --add segment-lan@750,0)
edit --set "$lan:subnets=10.0.0.0/24"
fw=$(edit --add firewall@500,100)
edit --connect "$fw=$internet" >/dev/null
edit --connect "$fw=$lan" >/dev/null
edit --add firewall-rule --parent "$fw" >/dev/null
ex=$(edit --add exchange-2016-mailbox@1000,0)
edit --connect "$ex=$lan"
nat=$(edit --add nat-rule:inbound --parent "$fw")
edit --set "$nat:publicAddress=198.51.100.1"
sc=$(edit --add send-connector:internet --parent organization)
edit --set "$sc:dnsRoutingEnabled=false" --set "$sc:smartHosts=192.0.2.10"
zone=$(edit --add dns-zone)
edit --set "$zone:origin=example.com."
edit --add dns-record --parent "$zone" --name "@ 86400 MX 10 mail.example.com." >/dev/null
edit --add dns-record --parent "$zone" --name "mail 86400 A 198.51.100.1" >/dev/null
edit --add dns-record --parent "$zone" --name "@ TXT \"v=spf1 mx -all\"" >/dev/null
isp=$(edit --add smart-host@0,250)
edit --set "$isp:name=ISP-RELAY" --set "$isp:fqdn=smtp.isp.example" \
     --set "$isp:smtp.relayFrom=198.51.100.0/24"
edit --set "$isp-nic1:addresses=192.0.2.10/24" --connect "$isp-nic1=$internet"
flow=$(edit --add flow --parent design --name "EX01 to example.net")
edit --set "$flow:source=$ex" --set "$flow:destination=$isp" \
     --set "$flow:mailFrom=user@example.com" --set "$flow:rcptTo=partner@example.net"

# --- The same relay delivering by MX ("mx:"): the trace goes on from it to the recipient
# domain's MX (example.net's, in the design's DNS), and that connection is the egress.
design="$out/r29-smart-host-delivers-by-mx.mailtopo"
rm -f "$design"
"$cli" edit "$out/r29-seed-001-smart-host-spf.mailtopo" -o "$design" \
    --set "design:name=R29: a smart host of the design delivers by MX" \
    --set "design:description=EX01 sends through the ISP relay, whose next hop mx: looks up the recipient domain's MX: the trace goes EX01 -> ISP-RELAY -> mx.example.net (203.0.113.25). Receivers judge the relay's 192.0.2.10, HELO smtp.isp.example, which 'v=spf1 mx -all' of example.com does not authorize: spf=fail (R29, R34)." \
    --set "$isp:smtp.nextHops=mx:" 2>/dev/null
edit() { "$cli" edit "$design" "$@" 2>/dev/null; }
netzone=$(edit --add dns-zone)
edit --set "$netzone:origin=example.net."
edit --add dns-record --parent "$netzone" --name "@ 86400 MX 10 mx.example.net." >/dev/null
edit --add dns-record --parent "$netzone" --name "mx 86400 A 203.0.113.25" >/dev/null
