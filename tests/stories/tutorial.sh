#!/usr/bin/env bash
# The user guide's tutorial (docs/user-guide.md, sections 1 and 2) from the command line:
# example.com with one Exchange 2019 server behind a firewall, and a scanner that relays
# through an anonymous relay connector (R25). Then the guide's deliberate mistake: the
# connector opened to the whole LAN (R40).
#
# Usage: tutorial.sh MAILTOPO_CLI OUTDIR
# Writes OUTDIR/tutorial.mailtopo and OUTDIR/tutorial-mistake.mailtopo.
set -eu
cli=${1:?usage: $0 MAILTOPO_CLI OUTDIR}
out=${2:?usage: $0 MAILTOPO_CLI OUTDIR}
f="$out/tutorial.mailtopo"

# From here on, the commands are the guide's (quoted here, for paths with spaces).
"$cli" new -o "$f"
"$cli" edit "$f" --add accepted-domain --parent organization --name example.com

internet=$("$cli" edit "$f" --add internet@250,0)
lan=$("$cli" edit "$f" --add segment-lan@750,0)
"$cli" edit "$f" --set "$internet:subnets=198.51.100.0/24,203.0.113.0/24" \
             --set "$lan:subnets=10.0.0.0/24"

fw=$("$cli" edit "$f" --add firewall@500,100)
"$cli" edit "$f" --connect "$fw=$internet" --connect "$fw=$lan"     # 198.51.100.1, 10.0.0.1
"$cli" edit "$f" --add firewall-rule --parent "$fw"    # the default route came with the internet

ex=$("$cli" edit "$f" --add exchange-2019-mailbox@1000,0)
"$cli" edit "$f" --connect "$ex=$lan"                               # 10.0.0.2, gateway 10.0.0.1
scanner=$("$cli" edit "$f" --add application-client@1000,250)
"$cli" edit "$f" --connect "$scanner=$lan" \
             --set "$scanner:name=SCANNER" --set "$scanner:smtp.submitTo=10.0.0.2:25" \
             --set "$scanner:smtp.mailFrom=scanner@example.com"
"$cli" edit "$f" --add nat-rule:inbound --parent "$fw"         # 198.51.100.2:25 to EX01

relay=$("$cli" edit "$f" --add receive-connector:relay-anonymous --parent "$ex")
flow=$("$cli" edit "$f" --add flow --parent design --name "SCANNER to EX01")
"$cli" edit "$f" --set "$flow:source=$scanner" --set "$flow:destination=$ex" \
             --set "$flow:rcptTo=customer@example.net"

# The mistake, in a copy: the relay connector opened to the whole LAN.
"$cli" edit "$f" -o "$out/tutorial-mistake.mailtopo" --set "$relay:remoteIpRanges=10.0.0.0/24"
