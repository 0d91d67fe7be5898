package com.example.posts.config;

/** One replica's host and port, as MYSQL_REPLICAS lists it: {@code host:port}, {@code [v6]:port}, or a host alone. */
public record ReplicaAddress(String host, int port) {
    private static final int DEFAULT_PORT = 3306;

    static ReplicaAddress parse(String variable, String entry) {
        String host = entry;
        String port = Integer.toString(DEFAULT_PORT);
        if (entry.startsWith("[")) {
            int end = entry.indexOf(']');
            if (end < 0) {
                throw invalid(variable, entry);
            }
            host = entry.substring(1, end);
            String rest = entry.substring(end + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw invalid(variable, entry);
                }
                port = rest.substring(1);
            }
        } else if (entry.contains(":")) {
            host = entry.substring(0, entry.lastIndexOf(':'));
            port = entry.substring(entry.lastIndexOf(':') + 1);
        }
        if (!host.matches("[A-Za-z0-9._:-]{1,253}") || !port.matches("[0-9]{1,5}")
                || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw invalid(variable, entry);
        }
        return new ReplicaAddress(host, Integer.parseInt(port));
    }

    private static ConfigurationException invalid(String variable, String entry) {
        return new ConfigurationException(variable + " lists replicas as host:port separated by commas"
                + " (e.g. db-replica-1:3306,db-replica-2:3306), got '" + entry + "'");
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
