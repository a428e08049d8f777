package dev.switchboard.orchestrator.run;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bson.Document;

/**
 * The update that turns one stored form of a run into the next: {@code $set} for every value that
 * changed, {@code $unset} for every key gone (ADR 026). A run grows by appending items and steps,
 * so a step's completion changes a few fields of one item while the document holds hundreds: the
 * store gets those few instead of the whole document again. Lists that grew are changed by index
 * (an index one past the end appends); a list that shrank, or a value whose type changed, is set
 * whole. Keys that a path cannot name (a dot, a leading {@code $}, empty) make their document be
 * set whole too.
 */
final class RunChanges {

    private RunChanges() {
    }

    /** The update from {@code before} to {@code now}; a {@code $set} of nothing when they are equal. */
    static Document between(Document before, Document now) {
        Document set = new Document();
        Document unset = new Document();
        diffDocuments("", before, now, set, unset);
        Document update = new Document("$set", set);
        if (!unset.isEmpty()) {
            update.append("$unset", unset);
        }
        return update;
    }

    private static void diff(String path, Object before, Object now, Document set, Document unset) {
        if (Objects.equals(before, now)) {
            return;
        }
        if (before instanceof Document was && now instanceof Document is && addressable(was) && addressable(is)) {
            diffDocuments(path + ".", was, is, set, unset);
        } else if (before instanceof List<?> was && now instanceof List<?> is && is.size() >= was.size()) {
            for (int i = 0; i < is.size(); i++) {
                String at = path + "." + i;
                if (i < was.size()) {
                    diff(at, was.get(i), is.get(i), set, unset);
                } else {
                    set.append(at, is.get(i));
                }
            }
        } else {
            set.append(path, now);
        }
    }

    private static void diffDocuments(String prefix, Document before, Document now, Document set, Document unset) {
        for (String key : before.keySet()) {
            if (!now.containsKey(key)) {
                unset.append(prefix + key, "");
            }
        }
        for (Map.Entry<String, Object> entry : now.entrySet()) {
            String path = prefix + entry.getKey();
            if (before.containsKey(entry.getKey())) {
                diff(path, before.get(entry.getKey()), entry.getValue(), set, unset);
            } else {
                set.append(path, entry.getValue());
            }
        }
    }

    private static boolean addressable(Document document) {
        for (String key : document.keySet()) {
            if (key.isEmpty() || key.indexOf('.') >= 0 || key.charAt(0) == '$') {
                return false;
            }
        }
        return true;
    }
}
