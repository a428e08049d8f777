package dev.switchboard.orchestrator.webhook;

import dev.switchboard.orchestrator.run.RunDocument;
import dev.switchboard.orchestrator.run.RunFollowUps;
import dev.switchboard.orchestrator.run.RunView;
import java.util.List;
import java.util.Optional;

/** A run's webhook section and child runs, from its delivery; pending while it has none yet. */
final class DeliveryFollowUps implements RunFollowUps {

    private final DeliveryStore store;

    DeliveryFollowUps(DeliveryStore store) {
        this.store = store;
    }

    @Override
    public FollowUp of(RunDocument run) {
        if (run.getWebhookUrl() == null) {
            return new FollowUp(null, List.of());
        }
        Optional<WebhookDelivery> found = store.find(run.getRunId());
        if (found.isEmpty()) {
            // not finished yet, or its RunFinished is on its way: where it will go first
            String next = run.getWebhookUrl().startsWith("tool:") || run.getChain() == null ? run.getWebhookUrl()
                    : run.getChain().getFirst();
            return new FollowUp(new RunView.Webhook(next, WebhookDelivery.PENDING, null, List.of()), List.of());
        }
        WebhookDelivery delivery = found.get();
        List<RunView.Attempt> attempts = delivery.getAttempts().stream()
                .map(a -> new RunView.Attempt(a.at(), a.httpStatus(), a.durationMs(), a.error())).toList();
        List<String> children = delivery.isChainHop() && WebhookDelivery.DELIVERED.equals(delivery.getStatus())
                ? List.of(delivery.getNext().childRunId()) : List.of();
        return new FollowUp(new RunView.Webhook(delivery.getUrl(), delivery.getStatus(), delivery.getReason(),
                attempts), children);
    }
}
