package dev.concert.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reading of {@code GET /metrics} (the Prometheus text format): every series by its name and labels,
 * with the scope label Payara adds left out, so that a test can compare two readings taken around what
 * it did.
 */
final class Scrape {

    private static final Pattern SERIES = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Map<String, Double> series = new TreeMap<>();
    private final String text;

    private Scrape(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            Matcher matched = SERIES.matcher(line);
            if (line.startsWith("#") || !matched.find()) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            if (matched.group(3) != null) {
                Matcher label = LABEL.matcher(matched.group(3));
                while (label.find()) {
                    if (!label.group(1).startsWith("mp_")) {
                        labels.put(label.group(1), label.group(2));
                    }
                }
            }
            series.put(key(matched.group(1), labels), Double.parseDouble(matched.group(4)));
        }
    }

    /** Reads /metrics of the server at {@code root} (the server's root, not the application's). */
    static Scrape of(java.net.URI root) {
        Http.Reply reply = new Http(root.resolve("/")).get("metrics", "Accept", "text/plain");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return new Scrape(reply.body());
    }

    /** The value of one series ({@code labels}: name, value pairs); NaN when it is not there. */
    double value(String name, String... labels) {
        Map<String, String> wanted = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return series.getOrDefault(key(name, wanted), Double.NaN);
    }

    /** How much a series grew since {@code before} (a series new since then grew from 0). */
    double since(Scrape before, String name, String... labels) {
        double earlier = before.value(name, labels);
        return value(name, labels) - (Double.isNaN(earlier) ? 0 : earlier);
    }

    boolean has(String name) {
        return series.keySet().stream().anyMatch(key -> key.equals(name) || key.startsWith(name + "{"));
    }

    String text() {
        return text;
    }

    private static String key(String name, Map<String, String> labels) {
        return labels.isEmpty() ? name : name + labels;
    }
}
