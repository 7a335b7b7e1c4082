#!/usr/bin/env bash
# Story 4 — a mail gateway in front of Exchange, and InternalSMTPServers (seed S3; R30, R31).
#
# Internet mail for example.com reaches the filtering gateway GW (10.0.0.40) through the
# firewall's published MX address 198.51.100.25; GW forwards it to EX16 (10.0.0.20) and
# stamps "Received: from … [client IP]". The anti-spam agents are installed on EX16, with
# a known spam source, 192.0.2.66, on the IP block list. But InternalSMTPServers lists only
# EX16 itself: Exchange takes GW as the originating IP of all internet mail, so Sender ID
# judges GW instead of the sender and the block list never matches (R30, R31).
#
# The fix: Set-TransportConfig -InternalSMTPServers @{Add="10.0.0.40"}.
#
# Usage: story4-gateway-internal-smtp-servers.sh MAILTOPO_CLI OUTDIR
# Writes OUTDIR/story4-gateway-internal-smtp-servers.mailtopo (as found) and
#        OUTDIR/story4-gateway-internal-smtp-servers-fixed.mailtopo (after the fix).
set -eu
cli=${1:?usage: $0 MAILTOPO_CLI OUTDIR}
out=${2:?usage: $0 MAILTOPO_CLI OUTDIR}
design="$out/story4-gateway-internal-smtp-servers.mailtopo"
fixed="$out/story4-gateway-internal-smtp-servers-fixed.mailtopo"
edit() { "$cli" edit "$design" "$@"; }

"$cli" new -o "$design"
edit --set "design:name=Story 4: a mail gateway in front of Exchange" \
     --set "design:description=GW filters internet mail and forwards it to EX16; InternalSMTPServers lists only EX16, so anti-spam judges GW instead of the sender (R30)."
edit --add accepted-domain --parent organization --name example.com >/dev/null
edit --add internal-smtp-server --parent organization --name 10.0.0.20 >/dev/null

internet=$(edit --add internet@250,0)
edit --set "$internet:subnets=198.51.100.0/24,192.0.2.0/24"
lan=$(edit --add segment-lan@750,0)
edit --set "$lan:subnets=10.0.0.0/24"
fw=$(edit --add firewall@500,100)
edit --connect "$fw=$internet"         # outside 198.51.100.1, and 0.0.0.0/0 out of it
edit --connect "$fw=$lan"              # inside 10.0.0.1
edit --add firewall-rule --parent "$fw" >/dev/null

# EX16 with the anti-spam agents installed and a sender on its block list.
ex=$(edit --add exchange-2016-mailbox@1250,0)
edit --set "$ex:name=EX16" --set "$ex:exchange.antiSpam.agentsInstalled=true" \
     --set "$ex:exchange.antiSpam.ipBlockList=192.0.2.66"
exnic=$ex-nic1   # the NIC a host from the palette comes with
edit --connect "$exnic=$lan"
edit --set "$exnic:addresses=10.0.0.20/24"

# The gateway accepts example.com and forwards everything to EX16.
gw=$(edit --add mail-gateway@1000,0)
edit --set "$gw:name=GW" --set "$gw:smtp.localDomains=example.com" \
     --set "$gw:smtp.nextHops=10.0.0.20:25"
gwnic=$gw-nic1
edit --connect "$gwnic=$lan"
edit --set "$gwnic:addresses=10.0.0.40/24"
# The MX address, published to the gateway.
nat=$(edit --add nat-rule:inbound --parent "$fw")
edit --set "$nat:publicAddress=198.51.100.25" --set "$nat:insideAddress=10.0.0.40"

# A sender on the internet whose domain's SPF authorises it, and a spam source.
sender=$(edit --add internet-sender@0,0)
edit --set "$sender:name=mail.example.org" --set "$sender:smtp.mailFrom=sender@example.org"
sendernic=$sender-nic1
# Its address first: connecting keeps an address the segment carries (and adopts no gateway);
# on the internet it reaches every address on-link: a default route, no next hop.
edit --set "$sendernic:addresses=192.0.2.25/24" --connect "$sendernic=$internet"
zone=$(edit --add dns-zone)
edit --set "$zone:origin=example.org."
edit --add dns-record --parent "$zone" --name "@ TXT \"v=spf1 ip4:192.0.2.25 -all\"" >/dev/null
spam=$(edit --add internet-sender@0,250)
edit --set "$spam:name=SPAMMER" --set "$spam:smtp.mailFrom=offers@example.net"
spamnic=$spam-nic1
edit --set "$spamnic:addresses=192.0.2.66/24" --connect "$spamnic=$internet"

flow=$(edit --add flow --parent design --name "example.org to the MX")
edit --set "$flow:source=$sender" --set "$flow:destination=198.51.100.25" \
     --set "$flow:mailFrom=sender@example.org" --set "$flow:rcptTo=user@example.com"
flow=$(edit --add flow --parent design --name "SPAMMER to the MX")
edit --set "$flow:source=$spam" --set "$flow:destination=198.51.100.25" \
     --set "$flow:mailFrom=offers@example.net" --set "$flow:rcptTo=user@example.com"

# The fix, in a copy: the gateway joins InternalSMTPServers. Exchange now takes the
# sender's address from GW's Received header: Sender ID passes, the block list matches.
"$cli" edit "$design" -o "$fixed" \
    --add internal-smtp-server --parent organization --name 10.0.0.40 >/dev/null
