package dev.concert.ear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring shipped beside the server, checked with Prometheus' own promtool (Debian's, at
 * /usr/bin/promtool; CI installs it): docker/prometheus/alerts.yml loads and passes its unit tests
 * (alerts-test.yml: every alert firing and not firing), every alert has its section in
 * documents/runbook.md, and every query of the Grafana dashboard is valid PromQL.
 */
class AlertRulesTest {

    static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    /** Surefire runs in the ear module's directory; the files are the repository's. */
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path RULES = ROOT.resolve("docker/prometheus/alerts.yml");
    static final Path RULES_TESTS = ROOT.resolve("docker/prometheus/alerts-test.yml");
    static final Path RUNBOOK = ROOT.resolve("documents/runbook.md");
    static final Path DASHBOARD = ROOT.resolve("docker/grafana/concert-dashboard.json");

    static final Pattern ALERT = Pattern.compile("^\\s*- alert:\\s*(\\S+)\\s*$", Pattern.MULTILINE);
    static final Pattern RUNBOOK_LINK = Pattern.compile("^\\s*runbook:\\s*(\\S+)\\s*$", Pattern.MULTILINE);
    static final Pattern SECTION = Pattern.compile("^## (\\S+)\\s*$", Pattern.MULTILINE);
    /** Grafana's own variables ($__rate_interval, $__interval, ...) are no PromQL: a duration stands in. */
    static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$__\\w+");

    @Test
    void theAlertingRulesLoad() throws Exception {
        assertPromtoolPasses("check", "rules", RULES.toString());
    }

    @Test
    void theAlertingRulesPassTheirUnitTests() throws Exception {
        assertPromtoolPasses("test", "rules", RULES_TESTS.toString());
    }

    @Test
    void everyAlertHasARunbookSectionOfItsNameAndLinksToIt() throws IOException {
        Map<String, String> links = alertsWithRunbookLinks(Files.readString(RULES));
        List<String> sections = matches(SECTION, Files.readString(RUNBOOK));

        assertThat(links).as("alerts in %s", RULES).hasSizeGreaterThanOrEqualTo(12);
        assertThat(sections).as("sections (## AlertName) of %s", RUNBOOK).containsAll(links.keySet());
        links.forEach((alert, link) -> assertThat(link).as("the runbook annotation of %s", alert)
                .isEqualTo("documents/runbook.md#" + alert.toLowerCase(Locale.ROOT)));
        assertThat(sections.stream().filter(section -> section.startsWith("Concert")))
                .as("runbook sections named like an alert that %s does not have", RULES)
                .allMatch(links::containsKey);
    }

    @Test
    void everyDashboardQueryIsValidPromQl(@TempDir Path dir) throws Exception {
        List<String> queries = new ArrayList<>();
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(DASHBOARD, StandardCharsets.UTF_8))) {
            collectQueries(reader.readObject().getJsonArray("panels"), queries);
        }
        assertThat(queries).as("queries in %s", DASHBOARD).hasSizeGreaterThanOrEqualTo(20);

        // promtool 2.42 checks an expression only as a rule: one recording rule per query
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < queries.size(); i++) {
            rules.append("      - record: dashboard:query_").append(i + 1).append("\n        expr: |\n");
            for (String line : GRAFANA_VARIABLE.matcher(queries.get(i)).replaceAll("1m").split("\n")) {
                rules.append("          ").append(line).append('\n');
            }
        }
        Path file = Files.writeString(dir.resolve("dashboard-queries.yml"), rules);

        assertPromtoolPasses("check", "rules", file.toString());
    }

    static void assertPromtoolPasses(String... arguments) throws Exception {
        assumeTrue(Files.isExecutable(PROMTOOL), PROMTOOL + " is not installed (Debian package prometheus)");
        List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
        command.addAll(List.of(arguments));
        Process promtool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(promtool.exitValue()).as("%s answered:%n%s", String.join(" ", command), output).isZero();
    }

    /** Each alert's name and its runbook annotation, in the order of the file. */
    static Map<String, String> alertsWithRunbookLinks(String rules) {
        Map<String, String> links = new LinkedHashMap<>();
        Matcher alert = ALERT.matcher(rules);
        List<Integer> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (alert.find()) {
            starts.add(alert.start());
            names.add(alert.group(1));
        }
        for (int i = 0; i < names.size(); i++) {
            String rule = rules.substring(starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : rules.length());
            Matcher link = RUNBOOK_LINK.matcher(rule);
            links.put(names.get(i), link.find() ? link.group(1) : "(no runbook annotation)");
        }
        return links;
    }

    static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    /** The expr of every target of every panel, rows' collapsed panels included. */
    static void collectQueries(JsonArray panels, List<String> queries) {
        if (panels == null) {
            return;
        }
        for (JsonValue value : panels) {
            JsonObject panel = value.asJsonObject();
            JsonArray targets = panel.getJsonArray("targets");
            if (targets != null) {
                for (JsonValue target : targets) {
                    String expr = target.asJsonObject().getString("expr", "");
                    if (!expr.isBlank()) {
                        queries.add(expr);
                    }
                }
            }
            collectQueries(panel.getJsonArray("panels"), queries);
        }
    }
}
