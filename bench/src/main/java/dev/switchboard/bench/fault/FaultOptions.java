package dev.switchboard.bench.fault;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Options of the fault run: {@code --out <file.json>}, {@code --runs <n>} (per scenario),
 * {@code --standalone <dir>} (the built standalone: standalone.jar and services/),
 * {@code --only a,b,c,d} (a subset of the scenarios).
 */
record FaultOptions(Path out, int runs, Path standaloneDir, List<Fault> faults) {

    static final String USAGE = """
            usage: FaultBench [--out fault-results.json] [--runs 500] [--standalone standalone/target]
                              [--only a,b,c,d]
              a: kill -9 the orchestrator  b: kill -9 the executor  c: restart the broker  d: target 503 for 10 s
            """;

    static FaultOptions parse(List<String> args) {
        Path out = Path.of("fault-results.json");
        int runs = 500;
        Path standaloneDir = Path.of(System.getProperty("switchboard.standalone.dir", "standalone/target"));
        List<Fault> faults = List.of(Fault.values());
        List<String> queue = new ArrayList<>(args);
        while (!queue.isEmpty()) {
            String flag = queue.removeFirst();
            if (queue.isEmpty()) {
                throw new IllegalArgumentException(flag.startsWith("--") ? flag + " needs a value"
                        : "unknown argument: " + flag);
            }
            String value = queue.removeFirst();
            switch (flag) {
                case "--out" -> out = Path.of(value);
                case "--runs" -> runs = runs(value);
                case "--standalone" -> standaloneDir = Path.of(value);
                case "--only" -> faults = faults(value);
                default -> throw new IllegalArgumentException("unknown option: " + flag);
            }
        }
        return new FaultOptions(out, runs, standaloneDir, faults);
    }

    private static int runs(String value) {
        try {
            int runs = Integer.parseInt(value);
            if (runs < 10 || runs > 5000) {
                throw new IllegalArgumentException("--runs must be between 10 and 5000: " + value);
            }
            return runs;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--runs must be a number: " + value);
        }
    }

    private static List<Fault> faults(String value) {
        List<Fault> faults = new ArrayList<>();
        for (String letter : value.split(",")) {
            Fault fault = switch (letter.strip()) {
                case "a" -> Fault.ORCHESTRATOR_KILL;
                case "b" -> Fault.EXECUTOR_KILL;
                case "c" -> Fault.BROKER_RESTART;
                case "d" -> Fault.TARGET_503;
                default -> throw new IllegalArgumentException("--only takes letters a to d: " + value);
            };
            if (!faults.contains(fault)) {
                faults.add(fault);
            }
        }
        return List.copyOf(faults);
    }
}
