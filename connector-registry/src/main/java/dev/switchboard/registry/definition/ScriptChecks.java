package dev.switchboard.registry.definition;

import java.util.List;

/** Syntax checks of the JavaScript and {@code <<…>>} templates in definitions; nothing is ever run. */
public interface ScriptChecks {

    /** Problems with a JavaScript function such as {@code (sourceData) => sourceData.users}; empty when fine. */
    List<String> functionProblems(String source);

    /** Problems with the templates in a string such as {@code /users/<<currentItem.id>>}; empty when fine. */
    List<String> templateProblems(String text);
}
