package dev.switchboard.standalone;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code up --separate}: the broker, the store and each service in a JVM of its own, on the same
 * ports and data dir as the one-JVM standalone. Any of them can be killed or restarted on its own
 * (the fault harness does) and comes back by itself ({@link ChildProcess}). Each writes its output
 * to {@code <data-dir>/logs/<name>.log}. Stopped gateway first, then services, then broker and store.
 */
final class SeparatePlatform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SeparatePlatform.class);
    /**
     * Seven JVMs starting on a small machine take longer than one: on 2 cores shared with other
     * builds, the broker alone has taken two minutes and each service four.
     */
    private static final Duration READY_WITHIN = Duration.ofMinutes(10);
    /** Each service's heap; seven JVMs share the machine. SWITCHBOARD_JAVA_OPTS' -Xmx, given later, wins. */
    private static final String SERVICE_HEAP = "-Xmx768m";

    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<ChildProcess> infrastructure = new ArrayList<>();
    private final List<ChildProcess> services = new ArrayList<>();

    /** Starts every process and returns once each service is ready and the gateway reports UP. */
    SeparatePlatform start(StandaloneOptions options, Path servicesDir) {
        long startedAt = System.nanoTime();
        DataDirectory data = DataDirectory.prepare(options.dataDir());
        PortLayout ports = options.ports();
        Standalone.checkPortsFree(ports.named(options.kafka() == null, options.mongo() == null), ports.gateway());
        JwtSigningKey.loadOrCreate(data.jwtKey());
        Path logs = data.root().resolve("logs");
        try {
            Files.createDirectories(logs);
            String kafka = options.kafka() != null ? options.kafka()
                    : EmbeddedKafkaBroker.bootstrapServers(ports.kafka());
            String mongoUri = options.mongo() != null ? options.mongo() : EmbeddedMongo.uri(ports.mongo());
            if (options.kafka() == null) {
                infrastructure.add(ownCommand("kafka", "broker", options, logs).start());
            }
            if (options.mongo() == null) {
                infrastructure.add(ownCommand("mongo", "store", options, logs).start());
            }
            ServiceArguments arguments = new ServiceArguments(options, data, kafka, mongoUri, ports,
                    ServiceToken.random());
            Map<String, List<String>> serviceArgs = Map.of(
                    "api-gateway", arguments.forGateway(ports),
                    "connector-registry", arguments.forService("connector-registry", ports.registry(), "registry"),
                    "secrets-service", arguments.forService("secrets-service", ports.secrets(), "secrets"),
                    "run-orchestrator", arguments.forService("run-orchestrator", ports.orchestrator(), "runs"),
                    "step-executor", arguments.forService("step-executor", ports.executor(), null));
            // broker and store first: seven JVMs starting at once starve the broker of CPU
            if (options.kafka() == null) {
                awaitListening("kafka", ports.kafka(), startedAt);
            }
            if (options.mongo() == null) {
                awaitListening("mongo", ports.mongo(), startedAt);
            }
            List<String> created = TopicProvisioner.ensureTopics(kafka);
            if (!created.isEmpty()) {
                log.info("Created topics {}", created);
            }
            serviceArgs.forEach((name, args) -> services.add(serviceProcess(name, servicesDir, args, logs).start()));
            Map.of("connector-registry", ports.registry(), "secrets-service", ports.secrets(),
                    "run-orchestrator", ports.orchestrator(), "step-executor", ports.executor())
                    .forEach((name, port) -> Standalone.awaitUp(name,
                            URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"), left(startedAt)));
            Standalone.awaitUp("the gateway", URI.create("http://127.0.0.1:" + ports.gateway() + "/actuator/health"),
                    left(startedAt));
            log.info("Switchboard is up in {} ms as separate processes: gateway http://localhost:{} (logs in {})",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), ports.gateway(), logs);
            return this;
        } catch (IOException e) {
            close();
            throw new StartupException("cannot create " + logs + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The broker or the store: this launcher's own jar with a subcommand, on the same ports and data dir. */
    private static ChildProcess ownCommand(String name, String subcommand, StandaloneOptions options, Path logs) {
        List<String> command = new ArrayList<>(jvm());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SwitchboardCommand.class.getName(),
                subcommand, "--port", String.valueOf(options.port()), "--data-dir", options.dataDir().toString()));
        return new ChildProcess(name, command, logs.resolve(name + ".log"));
    }

    private static ChildProcess serviceProcess(String name, Path servicesDir, List<String> args, Path logs) {
        Path jar = servicesDir.resolve(name + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new StartupException(name + ": " + jar + " is missing; run ./switchboard build");
        }
        List<String> command = new ArrayList<>(List.of(jvm().getFirst(), SERVICE_HEAP));
        command.addAll(jvm().subList(1, jvm().size()));
        command.addAll(List.of("-jar", jar.toString()));
        // in one JVM the launcher's hook stops everything; here each process stops itself on SIGTERM
        args.stream().filter(arg -> !arg.endsWith("register-shutdown-hook=false")).forEach(command::add);
        return new ChildProcess(name, command, logs.resolve(name + ".log"));
    }

    /** This JVM's java binary and options (native access flags, SWITCHBOARD_JAVA_OPTS), for every child. */
    private static List<String> jvm() {
        List<String> jvm = new ArrayList<>();
        jvm.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        jvm.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        return jvm;
    }

    private static Duration left(long startedAt) {
        return READY_WITHIN.minusNanos(System.nanoTime() - startedAt);
    }

    private static void awaitListening(String what, int port, long startedAt) {
        long deadline = startedAt + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return;
            } catch (IOException notYet) {
                // a short poll interval; the loop ends on a connection or the deadline
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
        }
        throw new StartupException(what + " did not listen on port " + port + " within "
                + READY_WITHIN.toSeconds() + " s");
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        log.info("Stopping Switchboard...");
        services.stream().filter(child -> child.name().equals("api-gateway")).forEach(ChildProcess::close);
        services.parallelStream().forEach(ChildProcess::close);
        infrastructure.parallelStream().forEach(ChildProcess::close);
    }
}
