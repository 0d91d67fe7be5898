package com.example.posts.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which client addresses may read /metrics: POSTS_METRICS_ALLOW, a comma-separated list of addresses and
 * CIDR ranges (IPv4 or IPv6). Unset: loopback and the private ranges, where a farm's Prometheus lives.
 */
public final class AddressAllowList {
    public static final String VARIABLE = "POSTS_METRICS_ALLOW";
    public static final String DEFAULT = "127.0.0.0/8, ::1/128, 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7";
    /** Literal addresses only: a host name here would be looked up in DNS. */
    private static final Pattern LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final List<Range> ranges;

    private AddressAllowList(List<Range> ranges) {
        this.ranges = ranges;
    }

    public static AddressAllowList fromEnvironment(Map<String, String> env) {
        String configured = env.get(VARIABLE);
        return parse(configured == null || configured.isBlank() ? DEFAULT : configured);
    }

    public static AddressAllowList parse(String list) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : list.split(",")) {
            String trimmed = entry.trim();
            if (!trimmed.isEmpty()) {
                ranges.add(Range.parse(trimmed));
            }
        }
        return new AddressAllowList(List.copyOf(ranges));
    }

    /** Whether an address (as a servlet container reports it) is in one of the ranges. */
    public boolean allows(String address) {
        if (address == null || !LITERAL.matcher(address).matches()) {
            return false;
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        return ranges.stream().anyMatch(range -> range.contains(bytes));
    }

    private record Range(byte[] network, int prefix) {
        static Range parse(String entry) {
            String[] parts = entry.split("/", -1);
            if (parts.length > 2 || !LITERAL.matcher(parts[0]).matches()) {
                throw invalid(entry);
            }
            byte[] network;
            try {
                network = InetAddress.getByName(parts[0]).getAddress();
            } catch (UnknownHostException e) {
                throw invalid(entry);
            }
            int prefix = network.length * 8;
            if (parts.length == 2) {
                try {
                    prefix = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    throw invalid(entry);
                }
                if (prefix < 0 || prefix > network.length * 8) {
                    throw invalid(entry);
                }
            }
            return new Range(network, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        private static ConfigurationException invalid(String entry) {
            return new ConfigurationException(VARIABLE + " must list addresses or CIDR ranges such as 10.0.0.0/8,"
                    + " separated by commas; '" + entry + "' is neither");
        }
    }
}
