package io.semisup.training.cli;

import io.semisup.contracts.job.Method;
import picocli.CommandLine.ITypeConverter;

/** Methods by their ids ("simclr-finetune"), as in training jobs. */
final class MethodConverter implements ITypeConverter<Method> {
    @Override
    public Method convert(String value) {
        return Method.of(value);
    }
}
