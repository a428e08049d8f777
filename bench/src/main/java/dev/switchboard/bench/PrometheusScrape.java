package dev.switchboard.bench;

/**
 * A service's {@code /actuator/prometheus} text, read for the few series the bench needs: the sum
 * of every sample of a metric whose labels contain all of the given {@code label="value"} pairs.
 */
record PrometheusScrape(String text) {

    static final PrometheusScrape EMPTY = new PrometheusScrape("");

    double sum(String metric, String... labels) {
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(metric)) {
                continue;
            }
            int end = metric.length();
            if (line.length() == end || line.charAt(end) != '{' && line.charAt(end) != ' ') {
                continue; // a longer metric name that starts with this one
            }
            if (!hasLabels(line, labels)) {
                continue;
            }
            String value = line.substring(line.lastIndexOf(' ') + 1);
            try {
                double parsed = Double.parseDouble(value);
                if (!Double.isNaN(parsed) && parsed > 0) {
                    sum += parsed;
                }
            } catch (NumberFormatException e) {
                // a timestamp-less exposition always ends in the value; anything else is skipped
            }
        }
        return sum;
    }

    private static boolean hasLabels(String line, String... labels) {
        for (String label : labels) {
            if (!line.contains(label)) {
                return false;
            }
        }
        return true;
    }

    /** Sums a metric across several services' scrapes. */
    static double sum(Iterable<PrometheusScrape> scrapes, String metric, String... labels) {
        double sum = 0;
        for (PrometheusScrape scrape : scrapes) {
            sum += scrape.sum(metric, labels);
        }
        return sum;
    }
}
