"""Tests of the recurrent-cells lesson."""
