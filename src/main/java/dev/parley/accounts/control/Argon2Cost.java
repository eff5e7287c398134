package dev.parley.accounts.control;

/** What one Argon2id hash costs: memory in KiB, passes over it (t) and lanes (p). */
record Argon2Cost(int memoryKib, int iterations, int parallelism) {

    /** True when any of the three is below {@code wanted}'s: a hash at this cost should be replaced. */
    boolean below(Argon2Cost wanted) {
        return memoryKib < wanted.memoryKib || iterations < wanted.iterations || parallelism < wanted.parallelism;
    }

    /** Each of the three at least {@code floor}'s. */
    Argon2Cost atLeast(Argon2Cost floor) {
        return new Argon2Cost(Math.max(memoryKib, floor.memoryKib), Math.max(iterations, floor.iterations),
                Math.max(parallelism, floor.parallelism));
    }

    /** As in the PHC string: {@code m=19456,t=2,p=1}. */
    @Override
    public String toString() {
        return "m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism;
    }
}
