package com.example.posts.author;

import com.example.posts.db.WriteTransaction;
import com.example.posts.web.ProblemException;
import jakarta.persistence.LockModeType;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.hibernate.LockMode;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.exception.ConstraintViolationException;

/** Reads and writes authors, one transaction per call, as PostRepository does posts. */
public final class AuthorRepository {
    private final SessionFactory sessions;
    private final WriteTransaction writes;

    public AuthorRepository(SessionFactory sessions) {
        this.sessions = sessions;
        this.writes = new WriteTransaction(sessions);
    }

    /** 409 when another author has this email, as {@link EmailKey} compares them. */
    public Author create(String email, String displayName, Role role, LocalDateTime now) {
        Author author = new Author(email, displayName, role, now);
        try {
            return writes.run(session -> {
                if (findByEmailKey(session, author.emailKey()).isPresent()) {
                    throw emailTaken(email);
                }
                session.persist(author);
                return author;
            });
        } catch (ConstraintViolationException e) {
            throw emailTaken(email); // created by another request since the check
        }
    }

    public Optional<Author> find(int id) {
        try (StatelessSession session = sessions.openStatelessSession()) {
            return Optional.ofNullable(session.get(Author.class, id));
        }
    }

    /** In id order, from {@code afterId} on; only the author with this email when one is given. */
    public List<Author> list(Optional<String> email, Optional<Integer> afterId, int count) {
        try (StatelessSession session = sessions.openStatelessSession()) {
            String where = " where a.id > :after" + (email.isPresent() ? " and a.emailKey = :key" : "");
            var query = session.createSelectionQuery("from Author a" + where + " order by a.id", Author.class)
                    .setParameter("after", afterId.orElse(0))
                    .setMaxResults(count);
            email.ifPresent(address -> query.setParameter("key", EmailKey.of(address)));
            return query.getResultList();
        }
    }

    /**
     * Disables the author (again: no change); empty when there is none. The enabled admins are locked first,
     * so two requests that each disable one of the last two admins cannot both succeed.
     */
    public Optional<Author> disable(int id, LocalDateTime now) {
        return writes.run(session -> {
            List<Author> admins = session.createSelectionQuery(
                            "from Author a where a.role = :admin and a.disabledTime is null", Author.class)
                    .setParameter("admin", Role.ADMIN)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getResultList();
            Author author = session.find(Author.class, id, LockMode.PESSIMISTIC_WRITE);
            if (author == null) {
                return Optional.<Author>empty();
            }
            if (author.isEnabled() && author.role() == Role.ADMIN && admins.size() == 1) {
                throw new ProblemException(409, "This is the last enabled admin; make another admin first");
            }
            author.disable(now);
            return Optional.of(author);
        });
    }

    /** Whether anyone can administer the service without POSTS_API_TOKEN. */
    public boolean hasEnabledAdmin() {
        try (StatelessSession session = sessions.openStatelessSession()) {
            return !session.createSelectionQuery(
                            "select a.id from Author a where a.role = :admin and a.disabledTime is null", Integer.class)
                    .setParameter("admin", Role.ADMIN)
                    .setMaxResults(1)
                    .getResultList()
                    .isEmpty();
        }
    }

    private static Optional<Author> findByEmailKey(org.hibernate.Session session, String emailKey) {
        return session.createSelectionQuery("from Author a where a.emailKey = :key", Author.class)
                .setParameter("key", emailKey)
                .uniqueResultOptional();
    }

    private static ProblemException emailTaken(String email) {
        return new ProblemException(409, "An author with the email " + email + " exists already");
    }
}
