package dev.switchboard.orchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Transient;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.convert.NoOpDbRefResolver;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;

/** The hand-written form of a run is the document Spring Data's mapping writes, field for field. */
class RunDocumentFormTest {

    private final MappingMongoConverter spring = springConverter();

    private static MappingMongoConverter springConverter() {
        MongoCustomConversions conversions = new MongoCustomConversions(List.of());
        MongoMappingContext context = new MongoMappingContext();
        context.setSimpleTypeHolder(conversions.getSimpleTypeHolder());
        context.afterPropertiesSet();
        MappingMongoConverter converter = new MappingMongoConverter(NoOpDbRefResolver.INSTANCE, context);
        converter.setCustomConversions(conversions);
        converter.afterPropertiesSet();
        return converter;
    }

    private Document springForm(RunDocument run) {
        Document document = new Document();
        spring.write(run, document);
        return document;
    }

    @Test
    void everyFieldOfEveryPartIsWrittenAsSpringWritesIt() throws Exception {
        RunDocument run = (RunDocument) filled(RunDocument.class, RunDocument.class, "run");

        Document form = RunDocumentForm.of(run);

        assertThat(form).isEqualTo(springForm(run));
        // the filler reached every level: a step with an item with an error, an approval, a trigger
        assertThat(form.getList("steps", Document.class).get(0).getList("items", Document.class).get(0))
                .containsKeys("error", "httpStatus", "completedAt");
        assertThat(form).containsKeys("approval", "trigger", "error", "chain");
    }

    @Test
    void aRunWithNothingSetIsWrittenAsSpringWritesIt() {
        RunDocument run = new RunDocument();
        run.setRunId("r1");
        RunDocument noSteps = new RunDocument();
        noSteps.setRunId("r2");
        noSteps.setSteps(null);
        StepState step = new StepState("a");
        step.setItems(null);
        step.setStatus(null);
        RunDocument emptyStep = new RunDocument();
        emptyStep.setRunId("r3");
        emptyStep.getSteps().add(step);

        for (RunDocument each : List.of(run, noSteps, emptyStep)) {
            assertThat(RunDocumentForm.of(each)).isEqualTo(springForm(each));
        }
    }

    /**
     * A value for every field Spring would store, none of them a default: a field added to a run's
     * classes and not to {@link RunDocumentForm} shows up as a difference.
     */
    private static Object filled(Class<?> type, Type generic, String name) throws Exception {
        if (type == String.class) {
            return name + "-value";
        }
        if (type == Long.class || type == long.class) {
            return 7L;
        }
        if (type == Integer.class || type == int.class) {
            return 3;
        }
        if (type == Boolean.class || type == boolean.class) {
            return true;
        }
        if (type == Instant.class) {
            return Instant.parse("2026-12-03T10:00:00.123Z");
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants[constants.length - 1];
        }
        if (type == List.class) {
            Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
            List<Object> list = new ArrayList<>();
            list.add(filled((Class<?>) element, element, name + "-0"));
            return list;
        }
        if (type.isRecord()) {
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = filled(types[i], components[i].getGenericType(), components[i].getName());
            }
            return type.getDeclaredConstructor(types).newInstance(values);
        }
        Object instance = type.getDeclaredConstructor().newInstance();
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) || field.isAnnotationPresent(Transient.class)) {
                continue;
            }
            field.setAccessible(true);
            field.set(instance, filled(field.getType(), field.getGenericType(), field.getName()));
        }
        return instance;
    }
}
