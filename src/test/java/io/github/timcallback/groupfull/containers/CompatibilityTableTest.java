package io.github.timcallback.groupfull.containers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each row of the README's Compatibility table names, first in its tests column, the
 * {@link CallbackContract} that runs that container; each of those checks its own row (version,
 * Java, artifact), so the table claims nothing that no test runs.
 */
class CompatibilityTableTest {

    @Test
    void everyRowNamesTheContractTestThatRunsIt() throws Exception {
        List<List<String>> rows = Readme.table("## Compatibility");
        assertFalse(rows.isEmpty());
        for (List<String> row : rows) {
            List<String> tests = Readme.quoted(row.get(5));
            assertFalse(tests.isEmpty(), row::toString);
            Class<?> contract = Class.forName(getClass().getPackageName() + "." + tests.get(0));
            assertTrue(CallbackContract.class.isAssignableFrom(contract), () -> contract + " in " + row);
            for (String test : tests) {
                Class.forName(getClass().getPackageName() + "." + test);
            }
        }
    }
}
