package dev.switchboard.orchestrator.ops;

import dev.switchboard.contracts.api.ListPage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lists dead letters and replays chosen ones to the topic they came from. A replayed record
 * stays in the DLT (Kafka deletes by retention, not by record); replaying it twice is safe
 * because every handler ignores an event it already applied (ARCHITECTURE §3).
 */
@Component
class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final long SEND_TIMEOUT_SECONDS = 10;

    private final DeadLetterReader reader;
    private final Producer<byte[], byte[]> producer;
    private final JsonMapper json;

    DeadLetters(DeadLetterReader reader, Producer<byte[], byte[]> replayProducer, JsonMapper json) {
        this.reader = reader;
        this.producer = replayProducer;
        this.json = json;
    }

    ListPage<DeadLetter> list(String topic, int page, int limit) {
        String dlt = SwitchboardTopic.deadLetterTopicOf(topic);
        DeadLetterReader.Slice slice = reader.read(dlt, ListPage.offset(page, limit), limit);
        return ListPage.of(slice.records().stream().map(r -> DeadLetter.of(r, json)).toList(), page, limit,
                slice.total());
    }

    /** Finds every chosen record first, so a replay naming one missing record republishes none. */
    List<Replayed> replay(String topic, ReplayRequest request) {
        String dlt = SwitchboardTopic.deadLetterTopicOf(topic);
        List<ReplayRequest.Position> positions = request.validated();
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        for (int i = 0; i < positions.size(); i++) {
            ReplayRequest.Position position = positions.get(i);
            int index = i;
            found.add(reader.at(dlt, position.partition(), position.offset()).orElseThrow(() ->
                    OpsRequestException.notFound("records[" + index + "]", "no record in " + dlt + " at partition "
                            + position.partition() + " offset " + position.offset())));
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : found) {
            sends.add(producer.send(new ProducerRecord<>(DeadLetter.originalTopic(record), null, record.key(),
                    record.value(), ReplayHeaders.withoutFailure(record.headers()))));
        }
        List<Replayed> replayed = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            RecordMetadata sent = await(sends.get(i));
            ConsumerRecord<byte[], byte[]> record = found.get(i);
            replayed.add(new Replayed(record.partition(), record.offset(), sent.topic(), sent.partition(),
                    sent.offset()));
            log.info("Replayed dead letter {}-{}@{} to {}-{}@{}", dlt, record.partition(), record.offset(),
                    sent.topic(), sent.partition(), sent.offset());
        }
        return replayed;
    }

    private static RecordMetadata await(Future<RecordMetadata> send) {
        try {
            return send.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaUnavailableException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException(e);
        }
    }

    /** Where a dead letter was, and where its copy now is. */
    record Replayed(int partition, long offset, String topic, int toPartition, long toOffset) {
    }
}
