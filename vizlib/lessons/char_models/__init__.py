"""Character-level language models (bigram, MLP, RNN/GRU/LSTM, Transformer) trained live."""
