package com.example.posts.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.builder.AstBuilder;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.GStringExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.stmt.BlockStatement;
import org.codehaus.groovy.control.CompilePhase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Jenkinsfile, parsed with Groovy (not run): its stages, gates, clean-up and steps have the right shape. */
class JenkinsfileShapeTest {
    private static final List<String> RELEASE_STAGES = List.of("Push images", "Deploy", "Mark latest");
    /** The order in which Declarative runs post conditions, whatever their order in the file. */
    private static final List<String> POST_CONDITION_ORDER = List.of("always", "changed", "fixed", "regression",
            "aborted", "failure", "success", "unstable", "unsuccessful", "cleanup");
    private static String jenkinsfile;
    private static List<Call> calls;

    /** One method call in the pipeline DSL: where it sits (enclosing calls) and its text arguments. */
    record Call(List<String> path, String name, List<String> texts, String source) {
        boolean within(String... enclosing) {
            return path.containsAll(List.of(enclosing));
        }
    }

    @BeforeAll
    static void parse() throws IOException {
        jenkinsfile = Files.readString(Path.of("Jenkinsfile"));
        List<ASTNode> nodes = new AstBuilder().buildFromString(CompilePhase.CONVERSION, false, jenkinsfile);
        calls = new ArrayList<>();
        Deque<String> path = new ArrayDeque<>(); // outermost first
        CodeVisitorSupport visitor = new CodeVisitorSupport() {
            @Override
            public void visitMethodCallExpression(MethodCallExpression call) {
                List<String> texts = texts(call.getArguments());
                String name = call.getMethodAsString();
                calls.add(new Call(List.copyOf(path), name, texts, sourceOf(call.getArguments())));
                path.addLast(name.equals("stage") && !texts.isEmpty() ? "stage:" + texts.get(0) : name);
                call.getArguments().visit(this);
                path.removeLast();
            }
        };
        for (ASTNode node : nodes) {
            if (node instanceof BlockStatement block) {
                block.visit(visitor);
            }
        }
        assertFalse(calls.isEmpty(), "nothing parsed");
    }

    /** The string arguments, positional or named (junit testResults: '...'). */
    private static List<String> texts(Expression arguments) {
        List<String> texts = new ArrayList<>();
        if (arguments instanceof TupleExpression tuple) {
            for (Expression argument : tuple.getExpressions()) {
                if (argument instanceof MapExpression named) {
                    named.getMapEntryExpressions().forEach(entry -> addText(entry.getValueExpression(), texts));
                } else {
                    addText(argument, texts);
                }
            }
        }
        return texts;
    }

    private static void addText(Expression expression, List<String> texts) {
        if (expression instanceof ConstantExpression constant && constant.getValue() instanceof String text) {
            texts.add(text);
        } else if (expression instanceof GStringExpression gstring) {
            texts.add(gstring.getText());
        }
    }

    /** The arguments as code, closures' bodies included, for checks on what a block refers to. */
    private static String sourceOf(Expression arguments) {
        StringBuilder source = new StringBuilder(arguments.getText());
        if (arguments instanceof TupleExpression tuple) {
            for (Expression argument : tuple.getExpressions()) {
                if (argument instanceof ClosureExpression closure) {
                    source.append(' ').append(closure.getCode().getText());
                }
            }
        }
        return source.toString();
    }

    @Test
    void releaseStagesRunOnlyOnMasterAndMainUnderOneLock() {
        List<String> gate = calls.stream()
                .filter(call -> call.within("stage:Release", "when") && call.name().equals("branch"))
                .flatMap(call -> call.texts().stream())
                .toList();
        assertEquals(List.of("master", "main"), gate, "Release needs when { anyOf { branch 'master'; branch 'main' } }");
        for (String stage : RELEASE_STAGES) {
            assertTrue(calls.stream().anyMatch(call -> call.path().contains("stage:Release") && call.name().equals("stage")
                    && call.texts().equals(List.of(stage))), stage + " is not inside the Release stage");
        }
        assertTrue(calls.stream().anyMatch(call -> call.within("stage:Release", "options") && call.name().equals("lock")
                && !call.texts().isEmpty()), "Release takes a lock (one deploy at a time across branches)");
    }

    @Test
    void targetsCredentialsAndBranchesAreNotBuildParameters() {
        assertTrue(calls.stream().noneMatch(call -> call.name().equals("parameters")), "no build parameters");
        assertFalse(jenkinsfile.contains("params."), "nothing read from build parameters");
        for (Call call : calls) {
            if (List.of("usernamePassword", "string", "sshagent").contains(call.name())) {
                String arguments = call.source().split("\\{ \\.\\.\\. }")[0]; // not the block's body
                assertFalse(arguments.matches("(?s).*\\b(params|env)\\..*"), "a literal credentials id: " + arguments);
            }
        }
        for (String server : environment("TOMCAT_SERVERS").split("\\s+")) {
            assertTrue(server.startsWith("https://"), "Manager over https only: " + server);
        }
        assertTrue(environment("PUBLIC_URL").startsWith("https://"), environment("PUBLIC_URL"));
    }

    @Test
    void latestIsPushedOnlyAfterTheDeploy() {
        List<Call> steps = calls.stream().filter(call -> call.name().equals("sh")).toList();
        int deploy = indexOf(steps, step -> step.within("stage:Deploy") && step.texts().get(0).startsWith("ci/deploy-"));
        int latest = indexOf(steps, step -> step.texts().get(0).matches(".*ci/push-images\\.sh .*\\blatest\\b.*"));
        assertTrue(deploy >= 0 && latest > deploy, "latest is pushed after the deploy step");
        assertTrue(steps.get(latest).within("stage:Mark latest"), "latest has a stage of its own, after Deploy");
        for (Call step : steps) {
            if (step != steps.get(latest)) {
                assertFalse(step.texts().get(0).contains("latest"), "latest elsewhere: " + step.texts().get(0));
            }
        }
    }

    @Test
    void workspaceIsCleanedAfterTheFailureNotice() {
        Call clean = calls.stream().filter(call -> call.name().equals("cleanWs")).findFirst()
                .orElseThrow(() -> new AssertionError("no cleanWs()"));
        Call notice = calls.stream().filter(call -> call.name().equals("sh")
                        && call.texts().get(0).startsWith("ci/notify-failure.sh")).findFirst()
                .orElseThrow(() -> new AssertionError("no failure notice"));
        int cleaned = POST_CONDITION_ORDER.indexOf(postCondition(clean));
        int notified = POST_CONDITION_ORDER.indexOf(postCondition(notice));
        assertEquals("cleanup", postCondition(clean), "cleanWs() belongs in post { cleanup }");
        assertTrue(notified >= 0 && notified < cleaned, "the notice (post " + postCondition(notice)
                + ") runs before the workspace is cleaned (post " + postCondition(clean) + ")");
    }

    /** The pipeline-level post condition a call sits in. */
    private static String postCondition(Call call) {
        List<String> path = call.path();
        assertTrue(path.size() >= 3 && path.subList(0, 2).equals(List.of("pipeline", "post")),
                call.name() + " is not in the pipeline's post section: " + path);
        return path.get(2);
    }

    /** A value of the environment block (assignments there are not calls, so they are read as text). */
    private static String environment(String name) {
        Matcher value = Pattern.compile("(?m)^\\s*" + name + " = '([^']*)'").matcher(jenkinsfile);
        assertTrue(value.find(), "environment { " + name + " = '...' }");
        return value.group(1);
    }

    private static int indexOf(List<Call> steps, Predicate<Call> test) {
        for (int i = 0; i < steps.size(); i++) {
            if (test.test(steps.get(i))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void disposableDatabaseIsRemovedInPostAlways() {
        assertTrue(calls.stream().anyMatch(call -> call.path().equals(List.of("pipeline", "post", "always"))
                        && call.name().equals("sh") && call.texts().contains("ci/remove-ci-containers.sh")),
                "post { always { sh 'ci/remove-ci-containers.sh' } } at pipeline level");
        assertTrue(calls.stream().anyMatch(call -> call.within("stage:Test on MySQL 8.4") && call.name().equals("sh")
                && call.texts().get(0).startsWith("ci/test-on-mysql.sh")));
    }

    @Test
    void testReportsArePublished() {
        List<String> published = calls.stream()
                .filter(call -> call.name().equals("junit"))
                .flatMap(call -> call.texts().stream())
                .toList();
        assertTrue(published.toString().contains("target/surefire-reports/*.xml"), published.toString());
        assertTrue(published.toString().contains("target/failsafe-reports/*.xml"), published.toString());
        assertTrue(calls.stream().anyMatch(call -> call.name().equals("archiveArtifacts")));
    }

    @Test
    void everyShellStepCallsAScriptInCi() {
        List<Call> steps = calls.stream().filter(call -> call.name().equals("sh")).toList();
        assertFalse(steps.isEmpty());
        for (Call step : steps) {
            String command = step.texts().get(0);
            String script = command.split("\\s+")[0];
            assertTrue(script.startsWith("ci/"), "sh step does not call a ci/ script: " + command);
            Path file = Path.of(script);
            assertTrue(Files.isRegularFile(file) && Files.isExecutable(file), "no executable " + script);
        }
    }

    @Test
    void optionsBoundAndRecordTheBuild() {
        for (String option : List.of("timeout", "timestamps", "buildDiscarder", "disableConcurrentBuilds")) {
            assertTrue(calls.stream().anyMatch(call -> call.within("options") && call.name().equals(option)), option);
        }
        assertTrue(calls.stream().anyMatch(call -> call.within("post", "failure") && call.name().equals("sh")
                && call.texts().get(0).startsWith("ci/notify-failure.sh")), "a failure notification hook");
    }
}
