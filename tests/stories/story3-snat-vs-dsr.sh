#!/usr/bin/env bash
# Story 3 — SNAT or DSR load balancing behind a firewall (seeds S2, S4; R9, R11, R14, R40).
#
# Applications in the client VLAN (10.0.3.0/24, behind the firewall) submit mail to the
# load balancer's VIP 10.0.0.50, which balances port 25 to EX16. In SNAT mode EX16 sees
# every client as the load balancer's own address 10.0.0.5 (R9), so someone listed 10.0.0.5
# in the relay connector's RemoteIPRanges: now every host that reaches the VIP can relay,
# including any workstation (R40, RELAY_VIA_LB).
#
# The fix (S2): Direct Server Return. The VIP goes on a KM-TEST loopback adapter of EX16
# (metric 254, weakhostsend and weakhostreceive enabled), the LAN NIC gets weakhostreceive,
# and the load balancer only rewrites the MAC (R11). EX16's gateway is the firewall, so the
# reply crosses it and matches its state (R14). EX16 sees the real client, and the relay
# connector lists the application server alone.
#
# Usage: story3-snat-vs-dsr.sh MAILTOPO_CLI OUTDIR
# Writes OUTDIR/story3-snat-vs-dsr.mailtopo (SNAT) and
#        OUTDIR/story3-snat-vs-dsr-fixed.mailtopo (DSR).
set -eu
cli=${1:?usage: $0 MAILTOPO_CLI OUTDIR}
out=${2:?usage: $0 MAILTOPO_CLI OUTDIR}
design="$out/story3-snat-vs-dsr.mailtopo"
fixed="$out/story3-snat-vs-dsr-fixed.mailtopo"
edit() { "$cli" edit "$design" "$@"; }

"$cli" new -o "$design"
edit --set "design:name=Story 3: SNAT vs DSR behind a firewall" \
     --set "design:description=Clients behind the firewall submit to VIP 10.0.0.50. With SNAT the relay connector can only trust the load balancer (R9, R40); with DSR it sees each client (R11, R14)."
edit --add accepted-domain --parent organization --name example.com >/dev/null

# Two segments and the firewall between them, each leg in its own zone.
clients=$(edit --add segment-lan@250,0)
edit --set "$clients:name=Clients" --set "$clients:subnets=10.0.3.0/24"
lan=$(edit --add segment-lan@750,0)
edit --set "$lan:name=Servers" --set "$lan:subnets=10.0.0.0/24"
fw=$(edit --add firewall@500,100)
edit --add firewall-zone --parent "$fw" --name clients >/dev/null
leg=$(edit --add firewall-interface --parent "$fw" --name clients)
edit --connect "$leg=$clients"         # 10.0.3.1
leg=$(edit --add firewall-interface --parent "$fw" --name inside)
edit --connect "$leg=$lan"             # 10.0.0.1
edit --add firewall-rule --parent "$fw" >/dev/null   # allow SMTP

# EX16 and the relay connector for the applications.
ex=$(edit --add exchange-2016-mailbox@1000,0)
edit --set "$ex:name=EX16" --set "$ex:fqdn=ex16.example.com"
exnic=$ex-nic1   # the NIC a host from the palette comes with
edit --connect "$exnic=$lan"
edit --set "$exnic:addresses=10.0.0.20/24"

# A one-arm load balancer, VIP 10.0.0.50:25 in SNAT mode, self address 10.0.0.5.
lb=$(edit --add load-balancer@1000,250)
lbnic=$(edit --connect "$lb=$lan")
edit --set "$lbnic:addresses=10.0.0.5/24"
vip=$(edit --add vip --parent "$lb")
edit --set "$vip:address=10.0.0.50" --set "$vip:snatAddress=10.0.0.5"
edit --add route --parent "$lb" >/dev/null   # back to the client VLAN through the firewall

# The application server that may relay, and an ordinary workstation.
app=$(edit --add application-client@0,0)
edit --set "$app:name=APP" --set "$app:smtp.submitTo=10.0.0.50:25" --set "$app:smtp.mailFrom=app@example.com"
appnic=$app-nic1
edit --connect "$appnic=$clients"
edit --set "$appnic:addresses=10.0.3.60/24"
ws=$(edit --add application-client@0,250)
edit --set "$ws:name=WS77"
wsnic=$ws-nic1
edit --connect "$wsnic=$clients"
edit --set "$wsnic:addresses=10.0.3.77/24"

# The relay connector trusts what EX16 sees: the SNAT address.
relay=$(edit --add receive-connector:relay-anonymous --parent "$ex" --name Relay)
edit --set "$relay:remoteIpRanges=10.0.0.5"

app_flow=$(edit --add flow --parent design --name "APP relays through the VIP")
edit --set "$app_flow:source=$app" --set "$app_flow:destination=10.0.0.50" \
     --set "$app_flow:rcptTo=partner@example.net"
ws_flow=$(edit --add flow --parent design --name "WS77 relays through the VIP")
edit --set "$ws_flow:source=$ws" --set "$ws_flow:destination=10.0.0.50" \
     --set "$ws_flow:rcptTo=partner@example.net"

# The fix, in a copy: DSR (S2's recipe, R11) and a relay connector for the application only.
"$cli" edit "$design" -o "$fixed" \
    --set "$vip:mode=dsr" --set "$vip:snatAddress=" \
    --set "$exnic:weakHostReceive=true" \
    --set "$relay:remoteIpRanges=10.0.3.60"
loopback=$("$cli" edit "$fixed" --add nic --parent "$ex" --name Loopback)
"$cli" edit "$fixed" \
    --set "$loopback:loopbackAdapter=true" --set "$loopback:addresses=10.0.0.50/32" \
    --set "$loopback:interfaceMetric=254" \
    --set "$loopback:weakHostSend=true" --set "$loopback:weakHostReceive=true"
