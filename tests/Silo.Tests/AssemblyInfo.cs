// Test classes run one at a time so that two silos never start at once in this process, which
// keeps the membership timing checks in SiloLifecycleTests predictable.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
