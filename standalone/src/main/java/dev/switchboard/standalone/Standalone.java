package dev.switchboard.standalone;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything in one JVM: broker, store, the four services and the gateway. All start at once
 * (service clients wait for the broker and store); topics are created once the broker is up;
 * stopped gateway first, then services, then broker and store.
 */
final class Standalone implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Standalone.class);
    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(120);

    /** Each service's start, by name. */
    private final Map<String, CompletableFuture<AutoCloseable>> starting = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String serviceToken = ServiceToken.random();
    private volatile CompletableFuture<EmbeddedKafkaBroker> kafkaStarting = CompletableFuture.completedFuture(null);
    private volatile CompletableFuture<EmbeddedMongo> mongoStarting = CompletableFuture.completedFuture(null);
    private volatile StandaloneOptions options;
    private volatile ServiceArguments arguments;

    /**
     * Starts everything and returns once the gateway reports UP. {@link #close()} may run at any
     * moment meanwhile (Ctrl-C during start-up): it stops whatever has started.
     */
    Standalone start(StandaloneOptions options, Path servicesDir) {
        return start(options, servicesDir, Set.of());
    }

    /**
     * Starts everything but {@code elsewhere} (services a fault test runs as processes of its own,
     * with {@link #handOver}'s arguments), and returns once the rest has started: the gateway's
     * health, which includes those services, is then the caller's to wait for.
     */
    Standalone start(StandaloneOptions options, Path servicesDir, Set<String> elsewhere) {
        this.options = options;
        long startedAt = System.nanoTime();
        DataDirectory data = DataDirectory.prepare(options.dataDir());
        PortLayout ports = options.ports();
        checkPortsFree(ports.named(options.kafka() == null, options.mongo() == null), ports.gateway());
        JwtSigningKey.loadOrCreate(data.jwtKey());

        try {
            kafkaStarting = options.kafka() != null
                    ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.supplyAsync(() -> EmbeddedKafkaBroker.start(data.kafka(), ports.kafka(),
                            ports.kafkaController()), Thread::startVirtualThread);
            mongoStarting = options.mongo() != null
                    ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.supplyAsync(() -> EmbeddedMongo.start(data.mongo(), ports.mongo()),
                            Thread::startVirtualThread);
            String kafka = options.kafka() != null ? options.kafka()
                    : EmbeddedKafkaBroker.bootstrapServers(ports.kafka());
            String mongoUri = options.mongo() != null ? options.mongo() : EmbeddedMongo.uri(ports.mongo());
            // The services start while the broker and store come up: their clients wait for them,
            // and on 2 cores the ~3 s of infrastructure start overlaps the services' class loading.
            arguments = new ServiceArguments(options, data, kafka, mongoUri, ports, serviceToken);
            startServices(arguments, ports, servicesDir, elsewhere);
            join(kafkaStarting, "kafka");
            join(mongoStarting, "mongo");
            log.info("Kafka and Mongo ready after {} ms", elapsedMs(startedAt));
            List<String> created = TopicProvisioner.ensureTopics(kafka);
            if (!created.isEmpty()) {
                log.info("Created topics {}", created);
            }
            awaitServices();
            log.info("Services started after {} ms", elapsedMs(startedAt));
            if (!elsewhere.isEmpty()) {
                log.info("Started all but {} after {} ms; they are to run elsewhere", elsewhere, elapsedMs(startedAt));
                return this;
            }
            awaitHealthy(ports.gateway());
            log.info("Switchboard is up in {} ms: gateway http://localhost:{} (kafka {}, mongo {}, data {})",
                    elapsedMs(startedAt), ports.gateway(), kafka,
                    mongoUri.replaceAll("//[^@/]*@", "//****@"), data.root());
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Stops one in-process service, and gives the arguments it ran with, so a fault test can run
     * it as a separate process instead, one it can kill -9.
     */
    List<String> handOver(String service) {
        stop(service, starting.remove(service));
        return switch (service) {
            case "run-orchestrator" -> arguments.forService(service, options.ports().orchestrator(), "runs");
            case "step-executor" -> arguments.forService(service, options.ports().executor(), null);
            default -> throw new IllegalArgumentException("only the orchestrator and executor can be handed over");
        };
    }

    /**
     * Writes the embedded store's pending changes to its file now, for a test that reads the data
     * dir of a running standalone (as it would be after a stop).
     */
    void commitStore() {
        EmbeddedMongo mongo = mongoStarting.getNow(null);
        if (mongo != null) {
            mongo.commit();
        }
    }

    /** The credential of the secrets service's internal endpoint for this run; tests play the executor with it. */
    String serviceToken() {
        return serviceToken;
    }

    private static long elapsedMs(long startedAt) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
    }

    private void startServices(ServiceArguments arguments, PortLayout ports, Path servicesDir, Set<String> elsewhere) {
        List<IsolatedService> all = List.of(
                new IsolatedService("api-gateway", servicesDir.resolve("api-gateway.jar"),
                        arguments.forGateway(ports)),
                new IsolatedService("connector-registry", servicesDir.resolve("connector-registry.jar"),
                        arguments.forService("connector-registry", ports.registry(), "registry")),
                new IsolatedService("secrets-service", servicesDir.resolve("secrets-service.jar"),
                        arguments.forService("secrets-service", ports.secrets(), "secrets")),
                new IsolatedService("run-orchestrator", servicesDir.resolve("run-orchestrator.jar"),
                        arguments.forService("run-orchestrator", ports.orchestrator(), "runs")),
                new IsolatedService("step-executor", servicesDir.resolve("step-executor.jar"),
                        arguments.forService("step-executor", ports.executor(), null)));
        // all at once: on 2 cores the contexts overlap their I/O waits
        for (IsolatedService service : all) {
            if (!elsewhere.contains(service.name())) {
                starting.put(service.name(), service.start());
            }
        }
    }

    private void awaitServices() {
        starting.forEach((name, future) -> join(future, name));
    }

    private static <T> T join(CompletableFuture<T> future, String what) {
        try {
            return future.get(HEALTHY_WITHIN.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StartupException startup) {
                throw startup;
            }
            throw new StartupException(what + " failed to start: " + rootMessage(cause), cause);
        } catch (TimeoutException e) {
            throw new StartupException(what + " did not start within " + HEALTHY_WITHIN.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while starting " + what);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** Fails before anything starts, with the port and what wanted it, rather than half-way. */
    static void checkPortsFree(Map<String, Integer> ports, int publicPort) {
        ports.forEach((name, port) -> {
            try (ServerSocket socket = new ServerSocket()) {
                // as the servers themselves bind: a port with only TIME_WAIT connections left is free
                socket.setReuseAddress(true);
                InetSocketAddress address = port == publicPort ? new InetSocketAddress(port)
                        : new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
                socket.bind(address);
            } catch (IOException e) {
                throw new StartupException("port " + port + " (" + name + ") is already in use; "
                        + "stop what holds it or choose other ports with --port");
            }
        });
    }

    private static void awaitHealthy(int gatewayPort) {
        awaitUp("the gateway", URI.create("http://127.0.0.1:" + gatewayPort + "/actuator/health"), HEALTHY_WITHIN);
    }

    /** Polls a health endpoint until it answers 200 with status UP, or fails after {@code within}. */
    static void awaitUp(String what, URI health, Duration within) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + within.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"")) {
                    return;
                }
                last = "HTTP " + response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartupException("interrupted while waiting for " + what);
            }
            // a short poll interval; the loop ends on the health answer or the deadline
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        throw new StartupException(what + " was not healthy within " + within.toSeconds() + " s: " + last);
    }

    /** Gateway first (no new requests), then the services in parallel, then broker and store. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (!starting.isEmpty()) {
            log.info("Stopping Switchboard...");
        }
        stop("api-gateway", starting.get("api-gateway"));
        starting.entrySet().parallelStream().filter(entry -> !entry.getKey().equals("api-gateway"))
                .forEach(entry -> stop(entry.getKey(), entry.getValue()));
        stop("kafka", kafkaStarting);
        stop("mongo", mongoStarting);
    }

    /** Stops a part, waiting for it first if it is still starting (a failed start leaves nothing). */
    private static void stop(String name, CompletableFuture<? extends AutoCloseable> future) {
        if (future == null) {
            return;
        }
        try {
            closeQuietly(future.get(HEALTHY_WITHIN.toSeconds(), TimeUnit.SECONDS), name);
        } catch (ExecutionException | TimeoutException e) {
            log.debug("{} never started: {}", name, rootMessage(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable, String what) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("stopping {} failed: {}", what, rootMessage(e));
        }
    }
}
