#include <QCoreApplication>
#include <cstdio>
int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    std::fputs("motor: not yet wired\n", stderr);
    return 2;
}
