"""Lesson: the neural-network playground, an MLP trained live on 2-D data sets."""
