package io.labelstream.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Kafka channels a service declares in its {@code src/main/resources/application.properties}, as the
 * service runs in a cluster (the {@code prod} profile: unprefixed keys, overridden by {@code %prod.} keys;
 * other profiles are ignored).
 */
record MessagingConfig(String service, Path file, List<Channel> channels, Map<String, String> concurrency) {

    static final String PROPERTIES = "src/main/resources/application.properties";

    private static final Pattern CHANNEL_KEY = Pattern.compile(
            "mp\\.messaging\\.(incoming|outgoing)\\.(.+?)\\.(topic|group\\.id|dead-letter-queue\\.topic|connector|concurrency)");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");

    /**
     * One channel.
     *
     * @param incoming true for mp.messaging.incoming
     * @param name channel name
     * @param topic the topic (the channel name when no topic is set)
     * @param groupId the consumer group (incoming only), or null when not set
     * @param deadLetterTopic the dead-letter topic (incoming only), or null when not set
     */
    record Channel(boolean incoming, String name, String topic, String groupId, String deadLetterTopic) {
    }

    /** The configurations of every {@code *-service} module under the repository root that has one. */
    static List<MessagingConfig> scan(Path repositoryRoot) throws IOException {
        List<MessagingConfig> configs = new ArrayList<>();
        if (!Files.isDirectory(repositoryRoot)) {
            return configs;
        }
        try (Stream<Path> modules = Files.list(repositoryRoot)) {
            for (Path module : modules.filter(Files::isDirectory)
                    .filter(p -> p.getFileName().toString().endsWith("-service")).sorted().toList()) {
                Path file = module.resolve(PROPERTIES);
                if (Files.isRegularFile(file)) {
                    configs.add(parse(module.getFileName().toString(), file));
                }
            }
        }
        return configs;
    }

    static MessagingConfig parse(String service, Path file) throws IOException {
        Properties raw = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            raw.load(reader);
        }
        Map<String, String> effective = effectiveProdProperties(raw);
        Map<String, Map<String, String>> incoming = new TreeMap<>();
        Map<String, Map<String, String>> outgoing = new TreeMap<>();
        Map<String, String> concurrency = new TreeMap<>();
        for (Map.Entry<String, String> entry : effective.entrySet()) {
            Matcher matcher = CHANNEL_KEY.matcher(entry.getKey());
            if (!matcher.matches()) {
                continue;
            }
            String channel = unquote(matcher.group(2));
            Map<String, Map<String, String>> direction = "incoming".equals(matcher.group(1)) ? incoming : outgoing;
            if ("concurrency".equals(matcher.group(3))) {
                // kept unresolved: ${VARIABLE:default} is resolved against the pod's environment
                concurrency.put(channel, entry.getValue());
                continue;
            }
            direction.computeIfAbsent(channel, c -> new HashMap<>())
                    .put(matcher.group(3), resolve(entry.getValue(), effective, file));
        }
        List<Channel> channels = new ArrayList<>();
        incoming.forEach((name, attributes) -> {
            if (isKafka(attributes)) {
                channels.add(new Channel(true, name, attributes.getOrDefault("topic", name),
                        attributes.get("group.id"), attributes.get("dead-letter-queue.topic")));
            }
        });
        outgoing.forEach((name, attributes) -> {
            if (isKafka(attributes)) {
                channels.add(new Channel(false, name, attributes.getOrDefault("topic", name), null, null));
            }
        });
        return new MessagingConfig(service, file, List.copyOf(channels), Map.copyOf(concurrency));
    }

    /**
     * How many consumers an instance runs for an incoming channel ({@code concurrency}), with
     * {@code ${VARIABLE:default}} taken from the given environment first.
     */
    int consumersPerInstance(String channel, Map<String, String> environment) {
        String expression = concurrency.get(channel);
        if (expression == null) {
            return 1;
        }
        Map<String, String> properties = new HashMap<>(environment);
        return Integer.parseInt(resolve(expression, properties, file).strip());
    }

    List<Channel> incoming() {
        return channels.stream().filter(Channel::incoming).toList();
    }

    private static boolean isKafka(Map<String, String> attributes) {
        String connector = attributes.get("connector");
        return connector == null || "smallrye-kafka".equals(connector);
    }

    /** Unprefixed keys, overridden by keys of the prod profile ({@code %prod.} or a list containing prod). */
    private static Map<String, String> effectiveProdProperties(Properties raw) {
        Map<String, String> effective = new TreeMap<>();
        Map<String, String> prod = new TreeMap<>();
        for (String key : raw.stringPropertyNames()) {
            String value = raw.getProperty(key).strip();
            if (!key.startsWith("%")) {
                effective.put(key, value);
                continue;
            }
            int dot = key.indexOf('.');
            if (dot < 0) {
                continue;
            }
            List<String> profiles = List.of(key.substring(1, dot).split(","));
            if (profiles.stream().map(String::strip).anyMatch("prod"::equals)) {
                prod.put(key.substring(dot + 1), value);
            }
        }
        effective.putAll(prod);
        return effective;
    }

    private static String unquote(String channel) {
        return channel.length() > 1 && channel.startsWith("\"") && channel.endsWith("\"")
                ? channel.substring(1, channel.length() - 1) : channel;
    }

    /** Resolves {@code ${key}} and {@code ${key:default}} against the same file. */
    private static String resolve(String value, Map<String, String> properties, Path file) {
        String current = value;
        for (int depth = 0; depth < 10 && current.contains("${"); depth++) {
            Matcher matcher = EXPRESSION.matcher(current);
            StringBuilder resolved = new StringBuilder();
            while (matcher.find()) {
                String replacement = properties.get(matcher.group(1));
                if (replacement == null) {
                    replacement = matcher.group(2);
                }
                if (replacement == null) {
                    throw new IllegalStateException("cannot resolve " + matcher.group() + " in " + file);
                }
                matcher.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
            }
            matcher.appendTail(resolved);
            current = resolved.toString();
        }
        return current;
    }
}
