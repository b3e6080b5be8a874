#!/usr/bin/env bash
# shellcheck disable=SC2016 # single quotes around $vars are intended (Postfix values, bash -c scripts)
# CI: install (if missing) and (re)start a real IMAP server (Dovecot 2.3) and a real SMTP server (Postfix)
# on 127.0.0.1 only, for the mail (MailKit) integration tests. Runs as root on Debian 12 without systemd;
# idempotent, and a re-run on a machine where it already ran takes a couple of seconds.
#
#   eval "$(bash .ci/mail-servers.sh)"
#
# stdout carries ONLY the export line (or `false` when the script fails, so the eval fails too); everything
# else goes to stderr.
#   IMAP  127.0.0.1:143  plaintext LOGIN/AUTH PLAIN allowed, optional STARTTLS (Debian snakeoil cert), IDLE
#   SMTP  127.0.0.1:25   relays for 127.0.0.0/8 without AUTH (AUTH PLAIN/LOGIN via Dovecot also offered),
#                        optional STARTTLS; mail to @calmdesk.test goes over LMTP into the Dovecot INBOX,
#                        unknown @calmdesk.test recipients are rejected at RCPT, and mail to any other
#                        domain is accepted and silently discarded (never leaves the machine).
# Logs: /var/log/dovecot.log, /var/log/postfix.log. Mail: /var/mail/calmdesk/<domain>/<user>/Maildir.
# Set CALMDESK_TEST_MAIL_RESET=1 to empty all test mailboxes before starting.
set -Eeuo pipefail

# ---- settings ---------------------------------------------------------------------------------------
MAIL_DOMAIN=calmdesk.test
MAIL_PASSWORD=calmdesk-test
MAIL_USERS=(sales customer other) # checked at start; ANY address of $MAIL_DOMAIN is a mailbox with $MAIL_PASSWORD, so each test can use its own
IMAP_HOST=127.0.0.1 IMAP_PORT=143
SMTP_HOST=127.0.0.1 SMTP_PORT=25
MAIL_ROOT=/var/mail/calmdesk
DOVECOT_CONF=/etc/dovecot/calmdesk.conf # standalone config; Debian's /etc/dovecot/dovecot.conf is left alone
DOVECOT_USERS=/etc/dovecot/calmdesk-users
DOVECOT_LOG=/var/log/dovecot.log
POSTFIX_LOG=/var/log/postfix.log
POSTFIX_MAILBOXES=/etc/postfix/calmdesk-mailboxes
OUTSIDE_TRANSPORT='discard:outside mail is off in tests' # or 'error:outside mail is off in tests' (bounces)
SNAKEOIL_CERT=/etc/ssl/certs/ssl-cert-snakeoil.pem
SNAKEOIL_KEY=/etc/ssl/private/ssl-cert-snakeoil.key
WAIT_SECONDS=30
# ------------------------------------------------------------------------------------------------------

exec 3>&1 1>&2 # fd 3 = the caller's stdout (export line only); all other output goes to stderr
export LC_ALL=C

log() { printf '== mail-servers: %s\n' "$*"; }
show_logs() {
  local f
  for f in "$DOVECOT_LOG" "$POSTFIX_LOG"; do
    if [[ -s $f ]]; then
      printf -- '---- last lines of %s\n' "$f"
      tail -n 40 "$f" || true
    fi
  done
  printf -- '---- listening TCP sockets\n'
  ss -ltnp 2>/dev/null || true
}
die() {
  trap - ERR
  printf 'mail-servers: ERROR: %s\n' "$*"
  show_logs
  exit 1
}
trap 'die "command failed (exit $?) at line $LINENO: $BASH_COMMAND"' ERR
# `eval "$(bash .ci/mail-servers.sh)"` would succeed on an empty string; on failure hand the caller a
# `false` to eval instead, so the eval itself fails (and `set -e` callers stop).
trap 'rc=$?; ((rc == 0)) || printf "false\n" >&3' EXIT

[[ $EUID -eq 0 ]] || die "must run as root"

# ---- 1. packages (only if missing) ----------------------------------------------------------------
PACKAGES=(dovecot-imapd dovecot-lmtpd postfix ssl-cert)
installed=" $(dpkg-query -W -f='${db:Status-Status}:${Package} ' "${PACKAGES[@]}" 2>/dev/null || true)"
missing=()
for p in "${PACKAGES[@]}"; do
  [[ $installed == *" installed:$p "* ]] || missing+=("$p")
done
if ((${#missing[@]})) || ! command -v dovecot >/dev/null || ! command -v postfix >/dev/null; then
  log "installing ${missing[*]:-${PACKAGES[*]}}"
  debconf-set-selections <<EOF
postfix postfix/main_mailer_type select Local only
postfix postfix/mailname string mail.$MAIL_DOMAIN
EOF
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${PACKAGES[@]}" >/dev/null
fi

DOVECOT_VERSION=$(dovecot --version)
case $DOVECOT_VERSION in
  2.3.*) ;;
  *) die "this script writes Dovecot 2.3 settings (Debian 12); found Dovecot $DOVECOT_VERSION (2.4 renamed e.g. disable_plaintext_auth -> auth_allow_cleartext, mail_location, ssl_cert)" ;;
esac

if [[ ! -s $SNAKEOIL_CERT || ! -s $SNAKEOIL_KEY ]]; then
  log "generating the snakeoil TLS certificate"
  make-ssl-cert generate-default-snakeoil --force-overwrite
fi

# ---- 2. vmail user, mail root, users ---------------------------------------------------------------
if ! getent passwd vmail >/dev/null; then
  log "creating user vmail"
  getent group vmail >/dev/null || groupadd --system vmail
  useradd --system --gid vmail --home-dir "$MAIL_ROOT" --no-create-home --shell /usr/sbin/nologin vmail
fi
VMAIL_UID=$(id -u vmail)
install -d -o vmail -g vmail -m 0770 "$MAIL_ROOT"

# write_file PATH MODE OWNER:GROUP < content -- replaces PATH only when the content differs
write_file() {
  local path=$1 mode=$2 owner=$3 tmp
  tmp=$(mktemp "$path.XXXXXX")
  cat >"$tmp"
  if [[ -f $path ]] && cmp -s "$tmp" "$path"; then
    rm -f "$tmp"
  else
    mv -f "$tmp" "$path"
  fi
  chmod "$mode" "$path"
  chown "$owner" "$path"
}

for u in "${MAIL_USERS[@]}"; do printf '%s@%s:{PLAIN}%s::::::\n' "$u" "$MAIL_DOMAIN" "$MAIL_PASSWORD"; done |
  write_file "$DOVECOT_USERS" 0640 root:dovecot
# Every address of the test domain is a mailbox (regexp map), so tests never share one.
printf '/^[^@]+@%s$/ OK\n' "${MAIL_DOMAIN//./\\.}" | write_file "$POSTFIX_MAILBOXES" 0644 root:root

# ---- 3. Dovecot config (2.3 setting names) ---------------------------------------------------------
SSL_DH=
[[ -s /usr/share/dovecot/dh.pem ]] && SSL_DH='ssl_dh = </usr/share/dovecot/dh.pem'
write_file "$DOVECOT_CONF" 0644 root:root <<EOF
# Generated by .ci/mail-servers.sh -- test-only IMAP/LMTP server for $MAIL_DOMAIN. Do not edit.
# Use it with: doveadm -c $DOVECOT_CONF ... / doveconf -c $DOVECOT_CONF -n
protocols = imap lmtp
listen = $IMAP_HOST
base_dir = /run/dovecot
log_path = $DOVECOT_LOG
auth_verbose = yes

# Dovecot 2.3 name; 2.4 calls it auth_allow_cleartext = yes
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
ssl = yes
ssl_cert = <$SNAKEOIL_CERT
ssl_key = <$SNAKEOIL_KEY
$SSL_DH

# The named users first; then any other address of the test domain, with the same password.
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $DOVECOT_USERS
}
passdb {
  driver = static
  args = password=$MAIL_PASSWORD
}
userdb {
  driver = static
  args = uid=vmail gid=vmail home=$MAIL_ROOT/%d/%n allow_all_users=yes
}
first_valid_uid = $VMAIL_UID
mail_location = maildir:~/Maildir
mail_fsync = never

namespace inbox {
  inbox = yes
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Junk {
    special_use = \\Junk
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
}

service imap-login {
  inet_listener imap {
    address = $IMAP_HOST
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
protocol imap {
  mail_max_userip_connections = 100
}

service lmtp {
  unix_listener /var/spool/postfix/private/dovecot-lmtp {
    mode = 0600
    user = postfix
    group = postfix
  }
}
protocol lmtp {
  postmaster_address = postmaster@$MAIL_DOMAIN
}

# SASL for Postfix (SMTP AUTH is optional: loopback clients may relay without it)
service auth {
  unix_listener /var/spool/postfix/private/auth {
    mode = 0660
    user = postfix
    group = postfix
  }
}
EOF
doveconf -c "$DOVECOT_CONF" -n >/dev/null || die "Dovecot rejects $DOVECOT_CONF"

# ---- 4. Postfix config -----------------------------------------------------------------------------
POSTFIX_SETTINGS=(
  "myhostname = mail.$MAIL_DOMAIN"
  'myorigin = $myhostname'
  'mydestination = $myhostname, localhost.localdomain, localhost'
  'inet_interfaces = loopback-only'
  'inet_protocols = ipv4'
  'mynetworks = 127.0.0.0/8'
  'relayhost = '
  "virtual_mailbox_domains = $MAIL_DOMAIN"
  "virtual_mailbox_maps = regexp:$POSTFIX_MAILBOXES" # any address of the test domain; other domains are discarded
  'virtual_transport = lmtp:unix:private/dovecot-lmtp'
  "default_transport = $OUTSIDE_TRANSPORT"
  "relay_transport = $OUTSIDE_TRANSPORT"
  'smtpd_relay_restrictions = permit_mynetworks permit_sasl_authenticated reject_unauth_destination'
  'smtpd_sasl_type = dovecot'
  'smtpd_sasl_path = private/auth'
  'smtpd_sasl_auth_enable = yes'
  "smtpd_tls_cert_file = $SNAKEOIL_CERT"
  "smtpd_tls_key_file = $SNAKEOIL_KEY"
  'smtpd_tls_security_level = may'
  'smtputf8_enable = no'
  'smtp_dns_support_level = disabled' # the modern name for disable_dns_lookups = yes
  'smtpd_peername_lookup = no'
  'biff = no'
  'queue_run_delay = 10s' # retry deferred mail quickly (e.g. if Dovecot was down for a moment)
  'minimal_backoff_time = 10s'
  'maximal_backoff_time = 60s'
  "maillog_file = $POSTFIX_LOG" # Postfix >= 3.4; there is no syslog daemon
)
# Rewrite main.cf only when a value differs (keeps re-runs fast and the file's mtime stable).
names=()
for kv in "${POSTFIX_SETTINGS[@]}"; do names+=("${kv%% =*}"); done
mapfile -t current < <(postconf -h "${names[@]}")
changes=()
for i in "${!POSTFIX_SETTINGS[@]}"; do
  want=${POSTFIX_SETTINGS[i]#* =}
  want=${want# }
  [[ ${current[i]-} == "$want" ]] || changes+=("${names[i]} = $want")
done
# Postfix re-reads a config file until it is more than a second old (a guard against half-written files),
# so every postconf/postfix call right after a write waits ~2 s; our writes are complete: backdate them.
postconf_write() {
  postconf "$@"
  touch -d '-2 seconds' /etc/postfix/main.cf /etc/postfix/master.cf
}
if ((${#changes[@]})); then
  log "setting ${#changes[@]} Postfix parameter(s): ${changes[*]%% =*}"
  postconf_write -e "${changes[@]}"
fi
# No chroot: Debian's init script would have to copy resolv.conf, hosts etc. into the jail.
if postconf -F '*/*/chroot' | grep -v ' = n$' >/dev/null; then
  postconf_write -F '*/*/chroot = n'
fi
if [[ -z $(postconf -M postlog/unix-dgram 2>/dev/null) ]]; then
  postconf_write -M 'postlog/unix-dgram = postlog unix-dgram n - n - 1 postlogd'
fi
[[ -f /etc/aliases ]] || printf 'postmaster: root\n' >/etc/aliases
[[ /etc/aliases.db -nt /etc/aliases ]] || newaliases

# ---- 5. (re)start both daemons ---------------------------------------------------------------------
DOVECOT_PIDFILE=/run/dovecot/master.pid
POSTFIX_PIDFILE=$(postconf -h queue_directory)/pid/master.pid
LMTP_SOCKET=/var/spool/postfix/private/dovecot-lmtp
STATE_FILE=/run/calmdesk-mail-servers.state # config fingerprint of the running daemons

# running_pid PIDFILE NAME [CMDLINE-PART] -- print the pid and succeed if that daemon runs (and its command
# line contains CMDLINE-PART)
running_pid() {
  local pid
  [[ -s $1 ]] || return 1
  pid=$(awk '{print $1; exit}' "$1")
  [[ $pid =~ ^[0-9]+$ && $(cat "/proc/$pid/comm" 2>/dev/null) == "$2" ]] || return 1
  [[ -z ${3-} || $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) == *"$3"* ]] || return 1
  printf '%s' "$pid"
}

# stop_daemons -- TERM both masters at once (each needs 2-3 s to exit) and wait until they are gone
stop_daemons() {
  local pids=() pid
  if pid=$(running_pid "$DOVECOT_PIDFILE" dovecot); then
    log "stopping Dovecot (pid $pid)"
    kill "$pid" 2>/dev/null || true
    pids+=("$pid")
  fi
  if pid=$(running_pid "$POSTFIX_PIDFILE" master); then
    log "stopping Postfix (pid $pid)"
    kill "$pid" 2>/dev/null || true
    pids+=("$pid")
  fi
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 150); do
      kill -0 "$pid" 2>/dev/null || continue 2
      sleep 0.1
    done
    die "pid $pid did not stop within 15 s"
  done
}

# start_daemon NAME COMMAND... -- the daemons must not inherit our stdout/stderr/fd 3: Dovecot keeps them
# open, and `eval "$(bash .ci/mail-servers.sh)"` (or a CI log pipe) would then wait forever for EOF.
start_daemon() {
  local name=$1 out
  shift
  out=$(mktemp /tmp/mail-servers-start.XXXXXX)
  log "starting $name"
  if ! "$@" </dev/null >"$out" 2>&1 3>&-; then
    cat "$out"
    rm -f "$out"
    die "$name failed to start: $*"
  fi
  cat "$out"
  rm -f "$out"
}

# banner HOST PORT -- the first line the server sends, or nothing
banner() {
  timeout 3 bash -c 'exec 4<>"/dev/tcp/$0/$1" && IFS= read -r -t 2 line <&4 && printf "%s" "$line"' \
    "$1" "$2" 2>/dev/null || true
}

# check_servers SECONDS -- wait until IMAP and SMTP greet and the LMTP socket exists, then log in over IMAP
# as the first test user; on failure set CHECK_ERROR and return 1
check_servers() {
  local deadline=$((SECONDS + $1)) imap smtp reply
  while :; do
    imap=$(banner "$IMAP_HOST" "$IMAP_PORT")
    smtp=$(banner "$SMTP_HOST" "$SMTP_PORT")
    [[ $imap == '* OK'* && $smtp == '220 '* && -S $LMTP_SOCKET ]] && break
    if ((SECONDS >= deadline)); then
      CHECK_ERROR="not ready within $1 s: IMAP $IMAP_HOST:$IMAP_PORT said '${imap:-nothing}', SMTP $SMTP_HOST:$SMTP_PORT said '${smtp:-nothing}', LMTP socket $LMTP_SOCKET $([[ -S $LMTP_SOCKET ]] && echo exists || echo is missing)"
      return 1
    fi
    sleep 0.2
  done
  log "Dovecot is up on $IMAP_HOST:$IMAP_PORT ($imap)"
  log "Postfix is up on $SMTP_HOST:$SMTP_PORT ($smtp)"
  reply=$(timeout 5 bash -c '
    exec 4<>"/dev/tcp/$0/$1" || exit 1
    IFS= read -r -t 3 line <&4 || exit 1
    printf "a1 LOGIN \"%s\" \"%s\"\r\n" "$2" "$3" >&4
    while IFS= read -r -t 3 line <&4; do
      case $line in a1\ *) printf "%s" "$line"; printf "a2 LOGOUT\r\n" >&4; exit 0 ;; esac
    done' "$IMAP_HOST" "$IMAP_PORT" "${MAIL_USERS[0]}@$MAIL_DOMAIN" "$MAIL_PASSWORD" 2>/dev/null) || true
  if [[ $reply != 'a1 OK'* ]]; then
    CHECK_ERROR="IMAP login as ${MAIL_USERS[0]}@$MAIL_DOMAIN failed: '${reply:-no answer}'"
    return 1
  fi
  log "IMAP login as ${MAIL_USERS[0]}@$MAIL_DOMAIN works; users: ${MAIL_USERS[*]/%/@$MAIL_DOMAIN}"
}

FINGERPRINT=$({
  cat "$DOVECOT_CONF" "$DOVECOT_USERS" "$POSTFIX_MAILBOXES"
  postconf -n
  postconf -Mf
  printf '%s %s\n' "$DOVECOT_VERSION" "$(postconf -h mail_version)"
} | sha256sum | cut -d' ' -f1)

ready=
# Fast path: both already run with exactly this configuration -> reload them (SIGHUP) instead of a full
# restart, which costs ~3 s because both masters take that long to exit.
if [[ ${CALMDESK_TEST_MAIL_RESET:-0} != 1 && -s $STATE_FILE && $(<"$STATE_FILE") == "$FINGERPRINT" ]] &&
  dpid=$(running_pid "$DOVECOT_PIDFILE" dovecot "-c $DOVECOT_CONF") &&
  ppid=$(running_pid "$POSTFIX_PIDFILE" master); then
  log "Dovecot (pid $dpid) and Postfix (pid $ppid) already run with this configuration: reloading them"
  kill -HUP "$dpid" "$ppid"
  if check_servers 5; then
    ready=1
  else
    log "reload did not help ($CHECK_ERROR): restarting"
  fi
fi
if [[ -z $ready ]]; then
  rm -f "$STATE_FILE"
  stop_daemons
  if [[ ${CALMDESK_TEST_MAIL_RESET:-0} == 1 ]]; then
    log "CALMDESK_TEST_MAIL_RESET=1: emptying $MAIL_ROOT"
    find "$MAIL_ROOT" -mindepth 1 -delete
  fi
  start_daemon "Dovecot $DOVECOT_VERSION" dovecot -c "$DOVECOT_CONF"
  start_daemon "Postfix $(postconf -h mail_version)" postfix start
  check_servers "$WAIT_SECONDS" || die "$CHECK_ERROR"
fi
printf '%s\n' "$FINGERPRINT" >"$STATE_FILE"

# ---- 6. tell the caller ----------------------------------------------------------------------------
printf 'export CALMDESK_TEST_IMAP_HOST=%s CALMDESK_TEST_IMAP_PORT=%s CALMDESK_TEST_SMTP_HOST=%s CALMDESK_TEST_SMTP_PORT=%s CALMDESK_TEST_MAIL_DOMAIN=%s CALMDESK_TEST_MAIL_PASSWORD=%s\n' \
  "$IMAP_HOST" "$IMAP_PORT" "$SMTP_HOST" "$SMTP_PORT" "$MAIL_DOMAIN" "$MAIL_PASSWORD" >&3
