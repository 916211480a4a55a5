package io.gyre.server.internal;

import io.gyre.server.Headers;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides whom to believe about the client: {@code X-Forwarded-For} and
 * {@code X-Forwarded-Proto} count only when the TCP peer is in the trusted list (IPs, CIDRs, or
 * {@code *}). Immutable.
 */
final class TrustedProxies {
    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] addr) {
            if (addr.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (addr[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (addr[full] & mask) == (network[full] & mask);
        }
    }

    private final boolean enabled;
    private final boolean all;
    private final List<Range> ranges = new ArrayList<>();

    TrustedProxies(boolean enabled, List<String> entries) {
        this.enabled = enabled;
        boolean any = false;
        for (String e : entries) {
            String s = e.trim();
            if (s.equals("*")) {
                any = true;
                continue;
            }
            int slash = s.indexOf('/');
            String ip = slash < 0 ? s : s.substring(0, slash);
            byte[] addr = literal(ip);
            if (addr == null) {
                throw new IllegalArgumentException("forwardedAllowIps: '" + s + "' is not an IP address or CIDR"
                        + " range (host names are not resolved); use e.g. 10.0.0.1, 10.0.0.0/8 or *");
            }
            int prefix = addr.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(s.substring(slash + 1));
                } catch (NumberFormatException ex) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > addr.length * 8) {
                    throw new IllegalArgumentException("forwardedAllowIps: bad prefix length in '" + s + "'");
                }
            }
            ranges.add(new Range(addr, prefix));
        }
        this.all = any;
    }

    /** Parses an IP literal without any DNS lookup; null if it is not one. */
    static byte[] literal(String ip) {
        String s = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
        if (s.isEmpty() || !(s.indexOf(':') >= 0 || digitsAndDots(s))) {
            return null;
        }
        if (s.indexOf(':') < 0 && s.split("\\.", -1).length != 4) {
            return null;
        }
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    /** A plain loop: the first IntStream in a process costs milliseconds of class loading at start-up. */
    private static boolean digitsAndDots(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    boolean trusts(InetAddress peer) {
        if (!enabled) {
            return false;
        }
        if (all) {
            return true;
        }
        byte[] a = peer.getAddress();
        for (Range r : ranges) {
            if (r.contains(a)) {
                return true;
            }
        }
        return false;
    }

    /** The client as far as trusted proxies tell: right to left, the first untrusted hop. */
    InetSocketAddress client(InetSocketAddress peer, Headers headers) {
        if (!trusts(peer.getAddress())) {
            return peer;
        }
        List<String> values = headers.all("X-Forwarded-For");
        if (values.isEmpty()) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String v : values) {
            for (String part : v.split(",")) {
                String h = part.trim();
                if (!h.isEmpty()) {
                    hops.add(h);
                }
            }
        }
        String chosen = null;
        for (int i = hops.size() - 1; i >= 0; i--) {
            chosen = hops.get(i);
            byte[] addr = literal(chosen);
            if (addr == null) {
                return peer; // garbage in a trusted header: fall back to the peer
            }
            try {
                if (!trusts(InetAddress.getByAddress(addr))) {
                    break;
                }
            } catch (UnknownHostException e) {
                return peer;
            }
        }
        if (chosen == null) {
            return peer;
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(literal(chosen)), 0);
        } catch (UnknownHostException e) {
            return peer;
        }
    }

    String scheme(InetSocketAddress peer, Headers headers) {
        if (!trusts(peer.getAddress())) {
            return "http";
        }
        return headers.first("X-Forwarded-Proto").map(v -> v.split(",")[0].trim().toLowerCase(Locale.ROOT))
                .filter(v -> v.equals("http") || v.equals("https") || v.equals("ws") || v.equals("wss"))
                .orElse("http");
    }
}
