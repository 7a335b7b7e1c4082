#!/usr/bin/env bash
# Story 1 — a second IP address on the Exchange server's NIC (seed S0; R2, R3, R46).
#
# EX13 (Exchange 2013 on Windows Server 2012 R2) was installed with 10.0.0.200. Later a
# second address, 10.0.0.100, went on the same NIC for a fax application's receive
# connector. Windows now picks 10.0.0.100 as the source of outbound mail (R2 step 4c: it
# shares more leading bits with the gateway 10.0.0.1 — "the lowest address" only by
# coincidence), the firewall's outbound NAT expects 10.0.0.200, and both addresses are
# registered in DNS.
#
# The fix: Set-NetIPAddress -IPAddress 10.0.0.100 -SkipAsSource $true (R3).
#
# Usage: story1-two-ip-skipassource.sh MAILTOPO_CLI OUTDIR
# Writes OUTDIR/story1-two-ip-skipassource.mailtopo (as found) and
#        OUTDIR/story1-two-ip-skipassource-fixed.mailtopo (after the fix).
set -eu
cli=${1:?usage: $0 MAILTOPO_CLI OUTDIR}
out=${2:?usage: $0 MAILTOPO_CLI OUTDIR}
design="$out/story1-two-ip-skipassource.mailtopo"
fixed="$out/story1-two-ip-skipassource-fixed.mailtopo"
edit() { "$cli" edit "$design" "$@"; }

"$cli" new -o "$design"
edit --set "design:name=Story 1: two addresses on one NIC" \
     --set "design:description=EX13 got a second address for a fax connector; outbound mail now leaves from it (R2) and both addresses are in DNS (R3)."
edit --add accepted-domain --parent organization --name example.com >/dev/null

# The network: the internet, the server LAN, a firewall between them.
internet=$(edit --add internet@250,0)
edit --set "$internet:subnets=198.51.100.0/24,203.0.113.0/24"
lan=$(edit --add segment-lan@750,0)
edit --set "$lan:name=Servers" --set "$lan:subnets=10.0.0.0/24"
fw=$(edit --add firewall@500,100)
edit --connect "$fw=$internet"         # outside 198.51.100.1, and 0.0.0.0/0 out of it
edit --connect "$fw=$lan"              # inside 10.0.0.1, the servers' gateway
edit --add firewall-rule --parent "$fw" >/dev/null    # allow SMTP
# Mail leaves as 198.51.100.25, the address MX, PTR and SPF name — for 10.0.0.200 only.
nat=$(edit --add nat-rule:outbound --parent "$fw")
edit --set "$nat:insideSources=10.0.0.200" --set "$nat:publicAddress=198.51.100.25"

# EX13: "primary" address 10.0.0.200 first, then 10.0.0.100 for the fax connector.
ex=$(edit --add exchange-2013-multirole@1000,0)
edit --set "$ex:name=EX13" --set "$ex:fqdn=ex13.example.com"
nic=$ex-nic1   # the NIC a host from the palette comes with
edit --connect "$nic=$lan"
edit --set "$nic:addresses=10.0.0.200/24,10.0.0.100/24"

# The fax server submits to 10.0.0.100:25 only; its connector is bound there.
fax=$(edit --add application-client@1000,250)
edit --set "$fax:name=FAX" --set "$fax:smtp.submitTo=10.0.0.100:25" \
     --set "$fax:smtp.mailFrom=fax@example.com"
faxnic=$fax-nic1
edit --connect "$faxnic=$lan"
edit --set "$faxnic:addresses=10.0.0.60/24"
rc=$(edit --add receive-connector:relay-anonymous --parent "$ex" --name "Fax 10.0.0.100")
edit --set "$rc:bindings=10.0.0.100:25"

# Flows: EX13 sends to the internet; FAX submits to its connector.
out_flow=$(edit --add flow --parent design --name "EX13 to 203.0.113.25")
edit --set "$out_flow:source=$ex" --set "$out_flow:destination=203.0.113.25" \
     --set "$out_flow:mailFrom=user@example.com" --set "$out_flow:rcptTo=partner@example.net"
fax_flow=$(edit --add flow --parent design --name "FAX to 10.0.0.100")
edit --set "$fax_flow:source=$fax" --set "$fax_flow:destination=10.0.0.100" \
     --set "$fax_flow:mailFrom=fax@example.com" --set "$fax_flow:rcptTo=user@example.com"

# The fix, in a copy: SkipAsSource on the fax address. 10.0.0.200 is the source again,
# the only address in DNS, and the fax connector still answers on 10.0.0.100 (R7).
"$cli" edit "$design" -o "$fixed" --set "$nic:addresses=10.0.0.200/24,10.0.0.100/24 skip"
