package com.example.posts.post;

import com.example.posts.db.WriteTransaction;
import com.example.posts.replica.ReadPoint;
import com.example.posts.replica.ReadRouting;
import com.example.posts.web.Credential;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.hibernate.LockMode;
import org.hibernate.SessionFactory;

/**
 * Reads and writes posts, one transaction per call.
 * Reads run where {@link ReadRouting} sends them, single statements on a stateless session: no persistence
 * context, no dirty checking, and InnoDB runs an autocommit SELECT as a read-only transaction. Writes lock the row they change, so the
 * caller's precondition (the ETag check) sees the version that the update will replace. Each write is one
 * {@link WriteTransaction}.
 */
public final class PostRepository {
    private final ReadRouting reads;
    private final WriteTransaction writes;
    private final IdempotentCreates keyedCreates;

    /** Every read on the primary. */
    public PostRepository(SessionFactory sessions) {
        this(sessions, ReadRouting.primaryOnly(sessions));
    }

    /** Reads where {@code reads} sends them (a replica, when there are some); writes on the primary. */
    public PostRepository(SessionFactory sessions, ReadRouting reads) {
        this.reads = reads;
        this.writes = new WriteTransaction(sessions);
        this.keyedCreates = new IdempotentCreates(sessions);
    }

    public Optional<Post> findById(int id) {
        return findById(id, ReadPoint.ANY);
    }

    /** As of {@code point} or later. */
    public Optional<Post> findById(int id, ReadPoint point) {
        return reads.read(point, session -> Optional.ofNullable(session.get(Post.class, id)));
    }

    /** Newest first; {@code beforeId} excludes that id and everything newer. */
    public List<Post> findNewest(Optional<Integer> beforeId, int count) {
        return findNewest(beforeId, count, ReadPoint.ANY);
    }

    /** As {@link #findNewest(Optional, int)}, as of {@code point} or later. */
    public List<Post> findNewest(Optional<Integer> beforeId, int count, ReadPoint point) {
        return reads.read(point, session -> {
            String where = beforeId.isPresent() ? " where p.id < :before" : "";
            var query = session.createSelectionQuery("from Post p" + where + " order by p.id desc", Post.class)
                    .setMaxResults(count);
            beforeId.ifPresent(before -> query.setParameter("before", before));
            return query.getResultList();
        });
    }

    public Post create(String content, String authorEmail, LocalDateTime createdTime) {
        Post post = new Post(content, authorEmail, createdTime);
        return writes.run(session -> {
            session.persist(post);
            return post;
        });
    }

    /** Creates the post once per key and credential; a retry gets the first result (see IdempotentCreates). */
    CreatedPost createOnce(Credential credential, IdempotencyKey key, PostRequest post, LocalDateTime createdTime) {
        return keyedCreates.create(credential, key, post, createdTime);
    }

    /** Replaces content and author; empty when there is no such post. */
    public Optional<Post> replace(int id, String content, String authorEmail, Consumer<Post> precondition) {
        return writes.run(session -> {
            Post post = session.find(Post.class, id, LockMode.PESSIMISTIC_WRITE);
            if (post == null) {
                return Optional.<Post>empty();
            }
            precondition.accept(post);
            post.replace(content, authorEmail);
            session.flush(); // increments the version now, so the caller sees the new ETag
            return Optional.of(post);
        });
    }

    /** Deletes the post; false when there was none. */
    public boolean delete(int id, Consumer<Post> precondition) {
        return writes.run(session -> {
            Post post = session.find(Post.class, id, LockMode.PESSIMISTIC_WRITE);
            if (post == null) {
                return false;
            }
            precondition.accept(post);
            session.remove(post);
            return true;
        });
    }
}
