#!/usr/bin/env bash
# Cross-check of cvegate's matching against oracle.py, an independent Python
# reading of the NVD 1.1 feeds (see its header for the rules). About 50 real
# products at versions with known 2002-2018 CVEs go in as a Yocto
# installed-packages.txt with a --map file naming each one's vendor:product;
# the findings in cvegate's JUnit report must equal the oracle's, CVE by CVE,
# fail or conditional. The list is scanned twice: with a Linux kernel item
# (kernel platforms are then checked by version) and without one (a
# linux_kernel platform then holds for every listed package).
# Arguments: CVEGATE_BINARY SHARED_DATA_DIR. Exit 77: data or python3 missing.
set -euo pipefail
export LC_ALL=C
cvegate=$1
data=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
if [ -z "$data" ] || [ ! -d "$data/nvd/1.1" ]; then
	echo "skip: ${data:-(no data dir)}/nvd/1.1 not found"
	exit 77
fi
command -v python3 >/dev/null || { echo "skip: python3 not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
feeds=("$data"/nvd/1.1/nvdcve-1.1-20{02..18}.json.gz)

python3 "$here/oracle.py" --selftest || { echo "FAIL: oracle self-test"; exit 1; }

# NAME VENDOR:PRODUCT VERSION. Names are recipe names without a '-' so no
# package is grouped under another; the vendor is the one NVD uses most for
# the product in these years.
cat > "$tmp/table" <<'EOF'
openssl openssl:openssl 1.0.1f
openssl openssl:openssl 1.0.2k
openssl openssl:openssl 1.0.1
bash gnu:bash 4.3
busybox busybox:busybox 1.24.1
libxml2 xmlsoft:libxml2 2.9.4
xmlsec1 xmlsec_project:xmlsec 1.2.20
curl haxx:curl 7.50.0
glibc gnu:glibc 2.23
sqlite3 sqlite:sqlite 3.8.0
zlib zlib:zlib 1.2.8
openssh openbsd:openssh 7.4
openssh openbsd:openssh 7.4p1
dropbear dropbear_ssh_project:dropbear_ssh 2016.74
linux linux:linux_kernel 4.9.0
expat libexpat_project:libexpat 2.1.0
tiff libtiff:libtiff 4.0.6
libpng libpng:libpng 1.6.20
sudo sudo_project:sudo 1.8.20
sudo sudo_project:sudo 1.8.20p1
systemd systemd_project:systemd 228
dbus freedesktop:dbus 1.10.0
ntp ntp:ntp 4.2.8p9
bind isc:bind 9.10.3
bind isc:bind 9.10.3-P4
nginx f5:nginx 1.10.0
lighttpd lighttpd:lighttpd 1.4.35
dnsmasq thekelleys:dnsmasq 2.75
wpasupplicant w1.fi:wpa_supplicant 2.5
hostapd w1.fi:hostapd 2.5
wget gnu:wget 1.17
libgcrypt gnupg:libgcrypt 1.7.5
gnutls gnu:gnutls 3.4.0
pcre pcre:pcre 8.38
python python:python 2.7.11
perl perl:perl 5.22.1
samba samba:samba 4.3.0
openvpn openvpn:openvpn 2.3.10
file christos_zoulas:file 5.25
libarchive libarchive:libarchive 3.1.2
tcpdump tcpdump:tcpdump 4.7.4
freetype freetype:freetype 2.6.0
git git-scm:git 2.7.0
vim vim:vim 7.4
postgresql postgresql:postgresql 9.5.0
apache2 apache:http_server 2.4.18
qemu qemu:qemu 2.5.0
libssh libssh:libssh 0.7.2
jasper jasper_project:jasper 1.900.1
polarssl polarssl:polarssl 1.3.9
EOF

# One list with the kernel, one without it.
grep -v '^linux ' "$tmp/table" > "$tmp/table-nokernel"
for t in table table-nokernel; do
	awk '{ print $1 "_" $3 "-r0_core2-64.ipk" }' "$tmp/$t" > "$tmp/$t.ipk"
	awk '{ print $2, $3 }' "$tmp/$t" > "$tmp/$t.items"
done
awk '!seen[$1]++ { print $1, $2 }' "$tmp/table" > "$tmp/map"

db=$tmp/cvegate.db
"$cvegate" db import --db "$db" "${feeds[@]}" >/dev/null

for t in table table-nokernel; do
	set +e
	SOURCE_DATE_EPOCH=1700000000 "$cvegate" scan --db "$db" --map "$tmp/map" \
		--format yocto -o "$tmp/$t.xml" "$tmp/$t.ipk"
	rc=$?
	set -e
	[ "$rc" -le 1 ] || { echo "FAIL: cvegate scan ($t) exited with $rc"; exit 1; }
done

python3 "$here/oracle.py" --items "$tmp/table.items" --out "$tmp/table.oracle" \
	--items "$tmp/table-nokernel.items" --out "$tmp/table-nokernel.oracle" "${feeds[@]}"

status=0
for t in table table-nokernel; do
	# JUnit -> "vendor:product version CVE-ID fail|conditional|...", sorted
	python3 "$here/junit_findings.py" --versions "$tmp/$t.xml" |
		awk -v map="$tmp/map" 'BEGIN { while ((getline l < map) > 0) { split(l, f, " "); vp[f[1]] = f[2] } }
		{
			if (!($1 in vp) || $2 !~ /-r0$/) { print "unexpected testcase " $1 " " $2 > "/dev/stderr"; exit 1 }
			st = $4 == "failed" ? "fail" : $4
			print vp[$1], substr($2, 1, length($2) - 3), $3, st
		}' | sort > "$tmp/$t.cvegate"
	items=$(wc -l < "$tmp/$t.items")
	findings=$(wc -l < "$tmp/$t.oracle")
	cond=$(grep -c ' conditional$' "$tmp/$t.oracle" || true)
	if cmp -s "$tmp/$t.cvegate" "$tmp/$t.oracle"; then
		echo "$t: $items items, $findings findings, $cond conditional: identical"
	else
		status=1
		echo "FAIL: $t: cvegate and the oracle differ ($items items)"
		echo "only in cvegate:"
		comm -23 "$tmp/$t.cvegate" "$tmp/$t.oracle" | sed 's/^/  /'
		echo "only in the oracle:"
		comm -13 "$tmp/$t.cvegate" "$tmp/$t.oracle" | sed 's/^/  /'
	fi
done
exit $status
