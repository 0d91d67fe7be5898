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
    private static final List<String> DEPLOY_STAGES = List.of("Push images", "Deploy");
    private static List<Call> calls;

    /** One method call in the pipeline DSL: where it sits (enclosing calls) and its text arguments. */
    record Call(List<String> path, String name, List<String> texts, String source) {
        boolean within(String... enclosing) {
            return path.containsAll(List.of(enclosing));
        }
    }

    @BeforeAll
    static void parse() throws IOException {
        String source = Files.readString(Path.of("Jenkinsfile"));
        List<ASTNode> nodes = new AstBuilder().buildFromString(CompilePhase.CONVERSION, false, source);
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
    void deployStagesRunOnlyOnReleaseBranches() {
        for (String stage : DEPLOY_STAGES) {
            List<Call> gates = calls.stream()
                    .filter(call -> call.within("stage:" + stage, "when") && call.name().equals("expression"))
                    .toList();
            assertEquals(1, gates.size(), stage + " needs one when { expression { ... } } gate");
            String gate = gates.get(0).source();
            assertTrue(gate.contains("BRANCH_NAME") && gate.contains("RELEASE_BRANCHES"), stage + ": " + gate);
        }
        Call releaseBranches = calls.stream()
                .filter(call -> call.within("parameters") && call.source().contains("RELEASE_BRANCHES"))
                .findFirst().orElseThrow(() -> new AssertionError("no RELEASE_BRANCHES parameter"));
        assertTrue(releaseBranches.source().contains("master|main"), releaseBranches.source());
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
