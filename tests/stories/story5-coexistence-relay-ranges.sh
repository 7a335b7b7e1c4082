#!/usr/bin/env bash
# Story 5 — Exchange coexistence and a relay connector's RemoteIPRanges (seed S4; R20, R25,
# R26, R40, R42).
#
# EX13 (Exchange 2013) is replacing EX10 (Exchange 2010 Hub Transport). The relay connector
# for the applications was migrated from EX10 as it was: anonymous relay (R25) for the whole
# server LAN, 10.0.0.0/24. EX10 delivers to mailboxes on EX13 over port 25, and since
# 10.0.0.10 is inside the relay connector's ranges, that connector — the most specific
# (R20) — takes EX10's connections. It lacks Exchange Server authentication: EX10 gets
# "451 5.7.3 Cannot achieve Exchange Server authentication" and its queue grows (R26, R42).
#
# The fix: "less is more" — list only the application servers that relay:
# Set-ReceiveConnector "EX13\Relay" -RemoteIPRanges 10.0.0.60
#
# Usage: story5-coexistence-relay-ranges.sh MAILTOPO_CLI OUTDIR
# Writes OUTDIR/story5-coexistence-relay-ranges.mailtopo (as migrated) and
#        OUTDIR/story5-coexistence-relay-ranges-fixed.mailtopo (after the fix).
set -eu
cli=${1:?usage: $0 MAILTOPO_CLI OUTDIR}
out=${2:?usage: $0 MAILTOPO_CLI OUTDIR}
design="$out/story5-coexistence-relay-ranges.mailtopo"
fixed="$out/story5-coexistence-relay-ranges-fixed.mailtopo"
edit() { "$cli" edit "$design" "$@"; }

"$cli" new -o "$design"
edit --set "design:name=Story 5: coexistence and relay RemoteIPRanges" \
     --set "design:description=The relay connector migrated to EX13 lists the whole LAN, so EX10's port-25 deliveries land on it and fail Exchange Server authentication (R26, R42)."
edit --add accepted-domain --parent organization --name example.com >/dev/null

lan=$(edit --add segment-lan@500,0)
edit --set "$lan:name=Servers" --set "$lan:subnets=10.0.0.0/24"

# The old and the new server.
ex10=$(edit --add exchange-2010-hub@750,0)
edit --set "$ex10:name=EX10" --set "$ex10:fqdn=ex10.example.com"
nic=$ex10-nic1   # the NIC a host from the palette comes with
edit --connect "$nic=$lan"
edit --set "$nic:addresses=10.0.0.10/24"
ex13=$(edit --add exchange-2013-multirole@750,250)
edit --set "$ex13:name=EX13" --set "$ex13:fqdn=ex13.example.com"
nic=$ex13-nic1
edit --connect "$nic=$lan"
edit --set "$nic:addresses=10.0.0.30/24"

# The application server that relays through EX13.
app=$(edit --add application-client@250,0)
edit --set "$app:name=APP" --set "$app:smtp.submitTo=10.0.0.30:25" \
     --set "$app:smtp.mailFrom=app@example.com"
nic=$app-nic1
edit --connect "$nic=$lan"
edit --set "$nic:addresses=10.0.0.60/24"

# The relay connector as it was migrated: the whole LAN may relay anonymously.
relay=$(edit --add receive-connector:relay-anonymous --parent "$ex13" --name Relay)
edit --set "$relay:remoteIpRanges=10.0.0.0/24"

flow=$(edit --add flow --parent design --name "EX10 to a mailbox on EX13")
edit --set "$flow:source=$ex10" --set "$flow:destination=$ex13" \
     --set "$flow:mailFrom=user@example.com" --set "$flow:rcptTo=migrated@example.com"
flow=$(edit --add flow --parent design --name "APP relays through EX13")
edit --set "$flow:source=$app" --set "$flow:destination=10.0.0.30" \
     --set "$flow:rcptTo=customer@example.net"

# The fix, in a copy: the relay connector lists the application server only. EX10's
# connections fall back to Default Frontend EX13, which authenticates Exchange servers.
"$cli" edit "$design" -o "$fixed" --set "$relay:remoteIpRanges=10.0.0.60"
