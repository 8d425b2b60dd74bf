import horovod.spark
from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("hvd-ctr").getOrCreate()


def train_fn():
    import horovod.tensorflow.keras as hvd
    import tensorflow as tf

    hvd.init()
    gpus = tf.config.list_physical_devices("GPU")
    if gpus:
        tf.config.set_visible_devices(gpus[hvd.local_rank()], "GPU")
    dataset = tf.data.experimental.make_csv_dataset("/dbfs/ctr/train/*.csv", batch_size=1024, label_name="clicked")
    model = tf.keras.Sequential([tf.keras.layers.Dense(256, activation="relu"), tf.keras.layers.Dense(1, activation="sigmoid")])
    optimizer = hvd.DistributedOptimizer(tf.keras.optimizers.Adam(0.001 * hvd.size()))
    model.compile(optimizer=optimizer, loss="binary_crossentropy")
    model.fit(dataset, epochs=5, steps_per_epoch=5000 // hvd.size(),
              callbacks=[hvd.callbacks.BroadcastGlobalVariablesCallback(0)])


horovod.spark.run(train_fn, num_proc=8)
