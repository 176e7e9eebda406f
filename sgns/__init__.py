"""sgns: 스킵-그램 네거티브 샘플링(SGNS)을 처음부터 구현한 강의용 패키지."""

from . import corpus, cost, functions, gradcheck, neg_sampling, plotting, pmi, sampling, softmax_loss, timing
from .corpus import Vocabulary, build_vocab, keep_probabilities, skipgram_pairs
from .functions import log_sigmoid, sigmoid, softmax
from .gradcheck import check_loss_gradients, gradcheck
from .neg_sampling import neg_sampling_batch, neg_sampling_loss_and_gradient
from .plotting import use_korean_font
from .sampling import NegativeSampler, noise_distribution
from .softmax_loss import naive_softmax_loss_and_gradient, softmax_probabilities

__version__ = "0.1.0"
