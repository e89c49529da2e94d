package io.github.timcallback.groupfull.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Each row of the README's Compatibility table is run by the tests it names: the first is the
 * {@link CallbackContract} that runs exactly that container, version, Java and artifact; every
 * other is an integration test that failsafe runs (its name ends in IT, it has tests, none
 * disabled), and either a contract of the same row or a test that starts that row's container.
 * The versions are the build's (the pom's properties, given to this test as to the ITs). The Java
 * is one that a pass of {@code .ci/run} runs every test of the row on (the contract itself checks
 * that it runs on the row's Java): a row claims no Java that CI does not run it on.
 */
class CompatibilityTableTest {

    /**
     * How the source of a test that is not a contract shows that it starts a row's container: the
     * call it makes, and what it must not contain (another distribution of the same container).
     */
    static final Map<String, List<String>> STARTS = Map.of(
            "Tomcat 11", List.of("TomcatInstance.start(", "home10()"),
            "WildFly", List.of("WildFly.start(", "classesJar"));
    /** A pass of {@code .ci/run} that runs the integration tests: its Java, and its other arguments. */
    static final Pattern VERIFY_PASS = Pattern.compile("^\\s*pass (\\d+) verify\\b(.*)$", Pattern.MULTILINE);
    /** The integration tests a pass is limited to. */
    static final Pattern ONLY = Pattern.compile("-Dit\\.test=([\\w,]+)");

    @Test
    void everyRowIsRunByTheTestsItNames() throws Exception {
        List<List<String>> rows = Readme.table("## Compatibility");
        assertFalse(rows.isEmpty());
        for (List<String> row : rows) {
            List<String> tests = Readme.quoted(row.get(5));
            assertFalse(tests.isEmpty(), row::toString);
            CallbackContract contract = contract(tests.get(0), row);
            assertEquals(row.get(0), contract.container(), () -> tests.get(0) + " in " + row);
            assertEquals(row.get(1), contract.version(), () -> tests.get(0) + " in " + row);
            assertEquals(row.get(3), contract.artifact(), () -> tests.get(0) + " in " + row);
            for (String test : tests) {
                assertTrue(ciRuns(row.get(2), test), () -> "no pass of .ci/run runs " + test + " on Java " + row.get(2)
                        + ", in " + row);
                Class<?> type = runByFailsafe(test, row);
                if (CallbackContract.class.isAssignableFrom(type)) {
                    CallbackContract other = contract(test, row);
                    assertEquals(List.of(row.get(0), row.get(1), row.get(3)),
                            List.of(other.container(), other.version(), other.artifact()), () -> test + " in " + row);
                } else {
                    List<String> starts = STARTS.get(row.get(0));
                    assertTrue(starts != null, () -> "no rule for how a test starts " + row.get(0) + ": " + test);
                    String source = Files.readString(Path.of("src/test/java", type.getName().replace('.', '/') + ".java"));
                    assertTrue(source.contains(starts.get(0)) && !source.contains(starts.get(1)),
                            () -> test + " does not start " + row.get(0));
                }
            }
        }
    }

    /** Whether a pass of {@code .ci/run} runs {@code test} on Java {@code java}: with every test, or by name. */
    private static boolean ciRuns(String java, String test) throws Exception {
        Matcher pass = VERIFY_PASS.matcher(Files.readString(Path.of(".ci/run")));
        while (pass.find()) {
            Matcher only = ONLY.matcher(pass.group(2));
            if (pass.group(1).equals(java) && (!only.find() || List.of(only.group(1).split(",")).contains(test))) {
                return true;
            }
        }
        return false;
    }

    private static CallbackContract contract(String name, List<String> row) throws Exception {
        Class<?> type = Class.forName(CompatibilityTableTest.class.getPackageName() + "." + name);
        assertTrue(CallbackContract.class.isAssignableFrom(type), () -> name + " is not a contract test, in " + row);
        Constructor<?> constructor = type.getDeclaredConstructor();
        constructor.setAccessible(true);
        return (CallbackContract) constructor.newInstance();
    }

    /** The named class, once it is known to be an integration test that failsafe runs. */
    private static Class<?> runByFailsafe(String name, List<String> row) throws Exception {
        Class<?> type = Class.forName(CompatibilityTableTest.class.getPackageName() + "." + name);
        assertTrue(name.endsWith("IT") && !Modifier.isAbstract(type.getModifiers()), () -> name + " in " + row);
        assertNull(type.getAnnotation(Disabled.class), name);
        boolean hasTests = false;
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                assertNull(method.getAnnotation(Disabled.class), () -> name + "." + method.getName());
                hasTests |= method.isAnnotationPresent(Test.class) || method.isAnnotationPresent(ParameterizedTest.class);
            }
        }
        assertTrue(hasTests, () -> name + " has no tests");
        return type;
    }
}
