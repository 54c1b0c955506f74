// A loadable library that is not MOTOR's CUDA plugin (accelerator_tests: the engine
// refuses it by name rather than calling into it).
extern "C" int motor_test_not_a_plugin() {
    return 42;
}
