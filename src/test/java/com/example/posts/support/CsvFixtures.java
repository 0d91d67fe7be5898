package com.example.posts.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.mapping.BasicValuedModelPart;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.type.descriptor.java.JavaType;

/**
 * Loads CSV fixtures into any entity's table. The first line names columns; each value is converted to
 * its attribute's Java type through Hibernate's metamodel. Times are UTC and may be written
 * {@code 2018-10-03 12:30:00}. An empty cell is NULL. A value that does not fit names file, line and column.
 */
public final class CsvFixtures {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader().setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(true).get();

    private final SessionFactory sessions;

    public CsvFixtures(SessionFactory sessions) {
        this.sessions = sessions;
    }

    public void load(Class<?> entity, String resource) {
        EntityPersister persister = sessions.unwrap(SessionFactoryImplementor.class)
                .getMappingMetamodel().getEntityDescriptor(entity);
        Map<String, JavaType<?>> columnTypes = columnTypes(persister);
        String table = persister.getMappedTableDetails().getTableName();

        List<CSVRecord> records;
        List<String> header;
        try (InputStream in = openResource(resource);
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
            header = parser.getHeaderNames();
            records = parser.getRecords();
        } catch (IOException | RuntimeException e) {
            throw new FixtureException(resource + ": cannot read CSV: " + e.getMessage(), e);
        }
        for (String column : header) {
            if (!columnTypes.containsKey(column)) {
                throw new FixtureException(resource + " line 1, column " + column + ": " + entity.getSimpleName()
                        + " has no such column; known: " + String.join(", ", columnTypes.keySet()));
            }
        }
        List<Object[]> rows = new ArrayList<>();
        for (CSVRecord record : records) {
            Object[] row = new Object[header.size()];
            for (int i = 0; i < header.size(); i++) {
                String column = header.get(i);
                row[i] = convert(record.get(i), columnTypes.get(column),
                        resource + " line " + (record.getRecordNumber() + 1) + ", column " + column);
            }
            rows.add(row);
        }
        insert(table, header, rows);
    }

    private static Map<String, JavaType<?>> columnTypes(EntityPersister persister) {
        Map<String, JavaType<?>> types = new LinkedHashMap<>();
        BasicValuedModelPart id = persister.getIdentifierMapping().asBasicValuedModelPart();
        if (id != null) {
            types.put(id.getSelectionExpression(), id.getJavaType());
        }
        persister.forEachAttributeMapping(attribute -> {
            BasicValuedModelPart basic = attribute.asBasicValuedModelPart();
            if (basic != null) {
                types.put(basic.getSelectionExpression(), basic.getJavaType());
            }
        });
        return types;
    }

    static Object convert(String raw, JavaType<?> type, String where) {
        if (raw.isEmpty()) {
            return null;
        }
        Class<?> javaClass = type.getJavaTypeClass();
        try {
            if (javaClass == LocalDateTime.class) {
                return LocalDateTime.parse(raw.replace(' ', 'T'));
            }
            if (javaClass == Instant.class) {
                return LocalDateTime.parse(raw.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            }
            if (javaClass == OffsetDateTime.class) {
                return LocalDateTime.parse(raw.replace(' ', 'T')).atOffset(ZoneOffset.UTC);
            }
            return type.fromString(raw);
        } catch (RuntimeException e) {
            throw new FixtureException(where + ": '" + raw + "' is not a " + javaClass.getSimpleName()
                    + " (" + e.getMessage() + ")", e);
        }
    }

    private void insert(String table, List<String> columns, List<Object[]> rows) {
        String sql = "INSERT INTO `" + table + "` ("
                + columns.stream().map(c -> "`" + c + "`").collect(Collectors.joining(", "))
                + ") VALUES (" + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
        sessions.inTransaction(session -> session.doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (Object[] row : rows) {
                    for (int i = 0; i < row.length; i++) {
                        insert.setObject(i + 1, row[i]);
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            } catch (SQLException e) {
                throw new FixtureException("Could not insert fixtures into " + table + ": " + e.getMessage(), e);
            }
        }));
    }

    private static InputStream openResource(String resource) throws IOException {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("no such resource on the test classpath");
        }
        return in;
    }

    /** A fixture file that cannot be loaded; the message says where. */
    public static final class FixtureException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FixtureException(String message, Throwable cause) {
            super(message, cause);
        }

        FixtureException(String message) {
            super(message);
        }
    }
}
