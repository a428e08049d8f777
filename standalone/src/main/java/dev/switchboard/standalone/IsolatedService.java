package dev.switchboard.standalone;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.loader.launch.Archive;
import org.springframework.boot.loader.launch.JarLauncher;
import org.springframework.boot.loader.launch.LaunchedClassLoader;
import org.springframework.boot.loader.net.protocol.Handlers;

/**
 * Runs one service's Boot jar in its own class loader inside this JVM, exactly as
 * {@code java -jar} would, so services keep their own configuration, auto-configuration and
 * logging. The loader's parent is the platform loader: nothing of the launcher (its Logback,
 * Kafka or Jackson) leaks in. The started context comes back as an {@link AutoCloseable}, the
 * only type both sides share.
 */
final class IsolatedService {

    private final String name;
    private final Path jar;
    private final List<String> args;

    IsolatedService(String name, Path jar, List<String> args) {
        this.name = name;
        this.jar = jar;
        this.args = List.copyOf(args);
    }

    String name() {
        return name;
    }

    /** Starts the service on its own thread; completes with its context once it is ready. */
    CompletableFuture<AutoCloseable> start() {
        if (!Files.isRegularFile(jar)) {
            return CompletableFuture.failedFuture(new StartupException(
                    name + ": " + jar + " is missing; run ./switchboard build"));
        }
        CompletableFuture<AutoCloseable> started = new CompletableFuture<>();
        Thread thread = new Thread(() -> run(started), name + "-main");
        thread.start();
        return started;
    }

    private void run(CompletableFuture<AutoCloseable> started) {
        try {
            Handlers.register();
            var launcher = new ServiceJarLauncher(Archive.create(jar.toFile()));
            ClassLoader loader = launcher.classLoader();
            Thread.currentThread().setContextClassLoader(loader);
            disableTomcatUrlFactory(loader);
            Class<?> application = loader.loadClass("org.springframework.boot.SpringApplication");
            Class<?> hookType = loader.loadClass("org.springframework.boot.SpringApplicationHook");
            Class<?> listenerType = loader.loadClass("org.springframework.boot.SpringApplicationRunListener");
            Object listener = Proxy.newProxyInstance(loader, new Class<?>[] {listenerType}, readyListener(started));
            Object hook = Proxy.newProxyInstance(loader, new Class<?>[] {hookType},
                    (proxy, method, methodArgs) -> method.getName().equals("getRunListener") ? listener
                            : objectMethod(proxy, method, methodArgs));
            Method main = loader.loadClass(launcher.mainClass()).getMethod("main", String[].class);
            Runnable runMain = () -> {
                try {
                    main.invoke(null, (Object) args.toArray(String[]::new));
                } catch (ReflectiveOperationException e) {
                    started.completeExceptionally(e.getCause() != null ? e.getCause() : e);
                }
            };
            application.getMethod("withHook", hookType, Runnable.class).invoke(null, hook, runMain);
            if (!started.isDone()) {
                started.completeExceptionally(new StartupException(name + " exited without starting"));
            }
        } catch (Throwable e) {
            started.completeExceptionally(e);
        }
    }

    /**
     * Each embedded Tomcat would install its URL stream handler factory, which the JDK allows
     * once per JVM: the second service would fail with "factory already defined". The factory
     * serves only {@code war:} URLs, which no service uses.
     */
    private static void disableTomcatUrlFactory(ClassLoader loader) throws ReflectiveOperationException {
        try {
            loader.loadClass("org.apache.catalina.webresources.TomcatURLStreamHandlerFactory")
                    .getMethod("disable").invoke(null);
        } catch (ClassNotFoundException notTomcat) {
            // a WebFlux service on Netty: nothing to disable
        }
    }

    private static InvocationHandler readyListener(CompletableFuture<AutoCloseable> started) {
        return (proxy, method, methodArgs) -> {
            switch (method.getName()) {
                // the context is a ConfigurableApplicationContext, which is a java.io.Closeable
                case "ready" -> started.complete((AutoCloseable) methodArgs[0]);
                case "failed" -> started.completeExceptionally((Throwable) methodArgs[1]);
                default -> {
                    return objectMethod(proxy, method, methodArgs);
                }
            }
            return null;
        };
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args) {
        return switch (method.getName()) {
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            case "toString" -> "standalone-run-listener";
            default -> null;
        };
    }

    /** Exposes what {@link JarLauncher} works out from the jar: its class path and main class. */
    private static final class ServiceJarLauncher extends JarLauncher {

        ServiceJarLauncher(Archive archive) throws Exception {
            super(archive);
        }

        ClassLoader classLoader() throws Exception {
            URL[] urls = getClassPathUrls().toArray(URL[]::new);
            return new LaunchedClassLoader(false, getArchive(), urls, ClassLoader.getPlatformClassLoader());
        }

        String mainClass() throws Exception {
            return getMainClass();
        }
    }
}
