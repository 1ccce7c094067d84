package io.pg2polar.controlplane.verify;

/** A column present on both sides under the same name, compared between them. */
record ComparedColumn(String name, SideColumn source, SideColumn target) {

    SideColumn on(Side side) {
        return side == Side.SOURCE ? source : target;
    }
}
