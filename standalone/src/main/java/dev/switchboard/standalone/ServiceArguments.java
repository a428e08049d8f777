package dev.switchboard.standalone;

import java.util.ArrayList;
import java.util.List;

/**
 * The command-line arguments each service gets in the standalone: the same properties a
 * production deployment sets through the environment.
 */
record ServiceArguments(StandaloneOptions options, DataDirectory data, String kafka, String mongoUri,
        PortLayout ports, String serviceToken) {

    List<String> forService(String service, int port, String database) {
        List<String> args = common(service, port);
        // services are reached only through the gateway: keep them on loopback
        args.add("--server.address=127.0.0.1");
        if (database != null) {
            args.add("--spring.mongodb.uri=" + mongoUri);
            args.add("--spring.mongodb.database=" + database);
        }
        if (service.equals("step-executor") || service.equals("connector-registry")
                || service.equals("run-orchestrator")) {
            args.add("--switchboard.egress.allow-private=" + !options.denyPrivateEgress());
        }
        if (service.equals("secrets-service")) {
            args.add("--switchboard.secrets.key-file=" + SecretsKeyFile.ensure(data.secretsKeys()));
        }
        if (service.equals("run-orchestrator") || service.equals("step-executor")) {
            args.add("--switchboard.transit.key=" + TransitKeyFile.ensure(data.transitKey()));
        }
        String webhookSecret = System.getenv(WebhookSecretFile.ENVIRONMENT);
        if (service.equals("run-orchestrator") && (webhookSecret == null || webhookSecret.isBlank())) {
            args.add("--switchboard.webhooks.signing-secret-file=" + WebhookSecretFile.ensure(data.webhookSecret()));
        }
        if (service.equals("secrets-service") || service.equals("step-executor")) {
            // the executor's credential for the internal resolve endpoint; new on every start
            args.add("--switchboard.secrets.service-token=" + serviceToken);
            args.add("--switchboard.secrets.url=http://127.0.0.1:" + ports.secrets());
        }
        return args;
    }

    List<String> forGateway(PortLayout ports) {
        List<String> args = common("api-gateway", ports.gateway());
        args.add("--spring.mongodb.uri=" + mongoUri);
        args.add("--switchboard.services.registry-url=http://127.0.0.1:" + ports.registry());
        args.add("--switchboard.services.secrets-url=http://127.0.0.1:" + ports.secrets());
        args.add("--switchboard.services.orchestrator-url=http://127.0.0.1:" + ports.orchestrator());
        args.add("--switchboard.services.executor-url=http://127.0.0.1:" + ports.executor());
        return args;
    }

    private List<String> common(String service, int port) {
        List<String> args = new ArrayList<>();
        args.add("--server.port=" + port);
        args.add("--spring.kafka.bootstrap-servers=" + kafka);
        args.add("--spring.kafka.client-id=" + service);
        args.add("--switchboard.security.jwt.hmac-key-file=" + data.jwtKey());
        // the standalone's one JVM shutdown hook stops everything in order
        args.add("--spring.main.register-shutdown-hook=false");
        args.add("--logging.register-shutdown-hook=false");
        args.add("--spring.reactor.netty.shutdown-quiet-period=0s");
        args.add("--spring.lifecycle.timeout-per-shutdown-phase=5s");
        args.add("--spring.main.banner-mode=off");
        if (options.logFormat().equals("json")) {
            args.add("--logging.structured.format.console=ecs");
        }
        return args;
    }
}
