package dev.switchboard.standalone;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every port the standalone listens on, derived from the gateway's so that one {@code --port}
 * moves the whole set and two standalones with different ports never collide.
 */
record PortLayout(int gateway, int registry, int secrets, int orchestrator, int executor, int kafka,
        int kafkaController, int mongo) {

    /** How far above the gateway port the layout reaches. */
    static final int SPAN = 20;

    static PortLayout from(int gateway) {
        return new PortLayout(gateway, gateway + 1, gateway + 2, gateway + 3, gateway + 4, gateway + 10,
                gateway + 11, gateway + 17);
    }

    /** Name → port, for checks and for the start-up banner. */
    Map<String, Integer> named(boolean embeddedKafka, boolean embeddedMongo) {
        Map<String, Integer> named = new LinkedHashMap<>();
        named.put("gateway", gateway);
        named.put("connector-registry", registry);
        named.put("secrets-service", secrets);
        named.put("run-orchestrator", orchestrator);
        named.put("step-executor", executor);
        if (embeddedKafka) {
            named.put("kafka", kafka);
            named.put("kafka controller", kafkaController);
        }
        if (embeddedMongo) {
            named.put("mongo", mongo);
        }
        return named;
    }
}
