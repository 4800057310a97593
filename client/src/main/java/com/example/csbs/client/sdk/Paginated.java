package com.example.csbs.client.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Every item of a listing, across pages, fetched as the caller iterates: no request before the first
 * item is asked for, one request per page. It pages as the spec's {@code x-csbs-pagination} says: the next
 * page is the same query with the {@code marker} parameter set to the id of the last item of the page
 * (so that items deleted meanwhile neither repeat nor skip one), parameters such as {@code offset} on the
 * first page only, and it ends at a page without a {@code rel: next} link. Each iteration starts again
 * from the first page.
 *
 * <p>Iterating throws {@link UncheckedCsbsException} when a call fails; {@link #toList()} throws the
 * {@link CsbsException} itself.
 *
 * @param <T> the generated model of an item
 */
public final class Paginated<T> implements Iterable<T> {

    /** Makes the generated request builder of the listing, with the caller's filters set. */
    @FunctionalInterface
    interface Query<B> {
        B create() throws com.example.csbs.client.ApiException;
    }

    /** Sends the builder's request (the generated builder's {@code execute()}). */
    @FunctionalInterface
    interface Send<B> {
        Object send(B builder) throws com.example.csbs.client.ApiException;
    }

    private final SpecExtensions.Pagination pagination;
    private final Query<?> query;
    private final Send<Object> send;
    private final Class<T> itemType;
    private final ObjectMapper mapper;
    private final Integer pageSize;

    @SuppressWarnings("unchecked")
    <B> Paginated(SpecExtensions.Pagination pagination, Query<B> query, Send<B> send, Class<T> itemType,
                  ObjectMapper mapper, Integer pageSize) {
        this.pagination = pagination;
        this.query = query;
        this.send = (Send<Object>) send;
        this.itemType = itemType;
        this.mapper = mapper;
        this.pageSize = pageSize;
    }

    /**
     * The same listing, asking for pages of {@code pageSize} items (the spec's {@code limit}). The value is
     * sent as it is: CSBS answers one under 1 with 400, as it would any other invalid query value.
     */
    public Paginated<T> withPageSize(int pageSize) {
        Query<Object> sameQuery = query::create;
        return new Paginated<>(pagination, sameQuery, send, itemType, mapper, pageSize);
    }

    @Override
    public Iterator<T> iterator() {
        return new Pages();
    }

    /** The items as a lazy stream (one page fetched at a time, as it is consumed). */
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false);
    }

    /** The first item, if any: one request. */
    public Optional<T> first() throws CsbsException {
        try {
            Iterator<T> items = iterator();
            return items.hasNext() ? Optional.of(items.next()) : Optional.empty();
        } catch (UncheckedCsbsException e) {
            throw e.getCause();
        }
    }

    /** Every item, all pages fetched now. */
    public List<T> toList() throws CsbsException {
        List<T> items = new ArrayList<>();
        try {
            iterator().forEachRemaining(items::add);
        } catch (UncheckedCsbsException e) {
            throw e.getCause();
        }
        return items;
    }

    private final class Pages implements Iterator<T> {
        private final Deque<T> page = new ArrayDeque<>();
        private Object builder;
        private String marker;
        private boolean last;

        @Override
        public boolean hasNext() {
            while (page.isEmpty() && !last) {
                fetchPage();
            }
            return !page.isEmpty();
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.removeFirst();
        }

        private void fetchPage() {
            try {
                if (builder == null) {
                    builder = query.create();
                    if (pageSize != null) {
                        set(builder, pagination.limit(), pageSize);
                    }
                } else {
                    for (String firstPageOnly : pagination.firstPageOnly()) {
                        set(builder, firstPageOnly, null);
                    }
                    set(builder, pagination.marker(), marker);
                }
                JsonNode answer = mapper.valueToTree(send.send(builder));
                JsonNode items = answer.path(pagination.items());
                for (JsonNode item : items) {
                    page.addLast(mapper.treeToValue(item, itemType));
                    marker = item.path(pagination.itemId()).asText();
                }
                last = items.isEmpty() || !hasNextLink(answer.path(pagination.next()));
            } catch (CsbsException e) {
                throw new UncheckedCsbsException(e);
            } catch (com.example.csbs.client.ApiException e) {
                throw new IllegalStateException("a call through the layer failed without a CsbsException", e);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("cannot read an item of " + pagination.items(), e);
            }
        }
    }

    private static boolean hasNextLink(JsonNode links) {
        for (JsonNode link : links) {
            if ("next".equals(link.path("rel").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Calls the builder's setter of the spec's parameter (the generated builder names it so, camelCase). */
    private static void set(Object builder, String parameter, Object value) {
        String name = camelCase(parameter);
        for (Method setter : builder.getClass().getMethods()) {
            if (setter.getName().equals(name) && setter.getParameterCount() == 1) {
                Class<?> type = setter.getParameterTypes()[0];
                Object argument = value instanceof String text && type == UUID.class ? UUID.fromString(text) : value;
                try {
                    setter.invoke(builder, argument);
                    return;
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot set " + parameter + " on " + builder.getClass().getName(), e);
                }
            }
        }
        throw new IllegalStateException(builder.getClass().getName() + " has no parameter " + parameter
                + ", which the spec's x-csbs-pagination names");
    }

    static String camelCase(String snake) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }
}
