package dev.switchboard.standalone;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point of the {@code ./switchboard} script's Java side: {@code up}, {@code token}, {@code apply},
 * {@code topics} and {@code dlt}; {@code broker} and {@code store} run one embedded server alone, for
 * {@code up --separate}.
 * Exit codes: 0 done, 1 cannot start (one clear line), 2 bad usage.
 */
public final class SwitchboardCommand {

    private SwitchboardCommand() {
    }

    public static void main(String[] argv) {
        List<String> args = Arrays.asList(argv);
        if (args.isEmpty()) {
            usage("a command is required");
            return;
        }
        List<String> rest = args.subList(1, args.size());
        if (rest.contains("--help") || rest.contains("-h")) {
            System.out.print(switch (args.getFirst()) {
                case "token" -> TokenOptions.USAGE;
                case "apply" -> ApplyOptions.USAGE;
                case "topics", "dlt" -> OpsOptions.USAGE;
                default -> StandaloneOptions.USAGE;
            });
            return;
        }
        try {
            switch (args.getFirst()) {
                case "up" -> up(StandaloneOptions.parse(rest));
                case "broker" -> serve(StandaloneOptions.parse(rest),
                        options -> EmbeddedKafkaBroker.start(DataDirectory.prepare(options.dataDir()).kafka(),
                                options.ports().kafka(), options.ports().kafkaController()));
                case "store" -> serve(StandaloneOptions.parse(rest),
                        options -> EmbeddedMongo.start(DataDirectory.prepare(options.dataDir()).mongo(),
                                options.ports().mongo()));
                case "token" -> System.out.println(token(TokenOptions.parse(rest)));
                case "apply" -> System.exit(new ApplyCommand().run(
                        ApplyOptions.parse(rest, System.getenv("SWITCHBOARD_TOKEN")), System.out, System.err));
                case "topics" -> System.exit(new OpsCommand().topics(opsOptions(rest), System.out, System.err));
                case "dlt" -> System.exit(new OpsCommand().deadLetters(opsOptions(rest), System.out, System.err));
                default -> usage("unknown command: " + args.getFirst());
            }
        } catch (UsageException e) {
            usage(e.getMessage());
        } catch (StartupException e) {
            System.err.println("switchboard: " + e.getMessage());
            System.exit(1);
        }
    }

    private static OpsOptions opsOptions(List<String> rest) {
        return OpsOptions.parse(rest, System.getenv("SWITCHBOARD_TOKEN"), System.console() != null);
    }

    static String token(TokenOptions options) {
        DataDirectory data = DataDirectory.prepare(options.dataDir());
        byte[] key = JwtSigningKey.loadOrCreate(data.jwtKey());
        return new TokenMinter(key).mint(options.subject(), options.roles(), options.ttl());
    }

    private static void up(StandaloneOptions options) {
        Path servicesDir = Path.of(System.getProperty("switchboard.services.dir", "standalone/target/services"));
        if (options.separate()) {
            SeparatePlatform platform = new SeparatePlatform();
            CountDownLatch stopped = stopOnExit(platform);
            platform.start(options, servicesDir);
            announce(options, stopped);
            return;
        }
        Standalone standalone = new Standalone();
        CountDownLatch stopped = stopOnExit(standalone);
        standalone.start(options, servicesDir);
        announce(options, stopped);
    }

    /**
     * Registered before anything starts, so Ctrl-C during start-up stops what has started; the
     * latch opens once it has stopped.
     */
    private static CountDownLatch stopOnExit(AutoCloseable platform) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                platform.close();
            } catch (Exception e) {
                System.err.println("switchboard: stopping failed: " + Standalone.rootMessage(e));
            }
            stopped.countDown();
        }, "switchboard-shutdown"));
        return stopped;
    }

    /** One embedded server ({@code broker} or {@code store}) until this process is stopped. */
    private static void serve(StandaloneOptions options, java.util.function.Function<StandaloneOptions,
            AutoCloseable> server) {
        AutoCloseable started = server.apply(options);
        CountDownLatch stopped = stopOnExit(started);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void announce(StandaloneOptions options, CountDownLatch stopped) {
        System.out.println("Switchboard is up. Gateway: http://localhost:" + options.port()
                + "  (token: ./switchboard token --sub alice --role admin" + dataDirFlag(options) + ")");
        System.out.println("Press Ctrl-C to stop.");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String dataDirFlag(StandaloneOptions options) {
        Path defaultDir = Path.of("data").toAbsolutePath().normalize();
        return options.dataDir().equals(defaultDir) ? "" : " --data-dir " + options.dataDir();
    }

    private static void usage(String problem) {
        System.err.println("switchboard: " + problem);
        System.err.print(StandaloneOptions.USAGE);
        System.err.print(TokenOptions.USAGE);
        System.err.print(ApplyOptions.USAGE);
        System.err.print(OpsOptions.USAGE);
        System.exit(2);
    }
}
