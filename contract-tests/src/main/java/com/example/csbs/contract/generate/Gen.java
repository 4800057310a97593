package com.example.csbs.contract.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A generator of values drawn from a seeded {@link Random}: the same seed gives the same values, so that a run of
 * generated requests (in the tests or in the live checker) can be replayed from its seed.
 */
@FunctionalInterface
public interface Gen<T> {

    T generate(Random random);

    default <R> Gen<R> map(Function<? super T, ? extends R> function) {
        return random -> function.apply(generate(random));
    }

    default <R> Gen<R> flatMap(Function<? super T, ? extends Gen<? extends R>> function) {
        return random -> function.apply(generate(random)).generate(random);
    }

    default <U, R> Gen<R> zip(Gen<U> other, BiFunction<? super T, ? super U, ? extends R> function) {
        return random -> function.apply(generate(random), other.generate(random));
    }

    /** Empty in the given share of draws, else a value. */
    default Gen<Optional<T>> optional(int percentEmpty) {
        return random -> chance(random, percentEmpty) ? Optional.empty() : Optional.of(generate(random));
    }

    /** Lists of minSize to maxSize values (both inclusive). */
    default Gen<List<T>> list(int minSize, int maxSize) {
        return random -> {
            List<T> values = new ArrayList<>();
            for (int size = minSize + random.nextInt(maxSize - minSize + 1); size > 0; size--) {
                values.add(generate(random));
            }
            return values;
        };
    }

    /** This generator or the other, half of the draws each. */
    default Gen<T> mix(Gen<T> other) {
        return weighted(50, this, 50, other);
    }

    static <T> Gen<T> constant(T value) {
        return random -> value;
    }

    static <T> Gen<T> pick(List<? extends T> values) {
        List<T> copy = List.copyOf(values);
        return random -> copy.get(random.nextInt(copy.size()));
    }

    static <T> Gen<T> weighted(int weight, Gen<? extends T> generator, int otherWeight, Gen<? extends T> other) {
        return random -> random.nextInt(weight + otherWeight) < weight ? generator.generate(random) : other.generate(random);
    }

    static Gen<Integer> between(int min, int max) {
        return random -> min + random.nextInt(max - min + 1);
    }

    static Gen<Boolean> booleans() {
        return Random::nextBoolean;
    }

    /** A number from 0 to size - 1. */
    static int pick(Random random, int size) {
        return random.nextInt(size);
    }

    static boolean chance(Random random, int percent) {
        return random.nextInt(100) < percent;
    }
}
